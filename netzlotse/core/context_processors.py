from django.conf import settings
from django.utils.translation import get_language, get_language_info


def site(request):
    language = get_language() or settings.LANGUAGE_CODE
    # The page chrome is in a UI language (German or English); content in Arabic or Farsi
    # carries its own lang/dir attributes, so German labels never render right-to-left.
    ui_language = language if language in settings.UI_LANGUAGES else settings.LANGUAGE_CODE
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "UI_LANGUAGE": ui_language,
        "LANGUAGE_DIR": "rtl" if get_language_info(ui_language)["bidi"] else "ltr",
        "CURRENT_LANGUAGE": language,
    }
