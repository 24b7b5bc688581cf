from django.conf import settings
from django.utils.translation import get_language, get_language_info

from .translation import INTERFACE_NOTICE


def site(request):
    language = get_language() or settings.LANGUAGE_CODE
    # The interface speaks German or English; a visitor who chose another language reads the offers in it.
    # An Arabic or Farsi page is laid out right to left as a whole (html lang/dir), while the interface's
    # German words keep lang="de" on the blocks that hold them, so assistive technology reads them as German.
    ui_language = language if language in settings.UI_LANGUAGES else settings.LANGUAGE_CODE
    rtl = get_language_info(language)["bidi"]
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "UI_LANGUAGE": ui_language,
        "PAGE_LANGUAGE": language if rtl else ui_language,
        "LANGUAGE_DIR": "rtl" if rtl else "ltr",
        "CURRENT_LANGUAGE": language,
        "INTERFACE_NOTICE": INTERFACE_NOTICE.get(language) if language != ui_language else None,
    }
