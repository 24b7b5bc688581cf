"""User content in several languages, stored as one column per language.

German is required and the fallback; the other content languages are optional.
One column per language keeps filtering, indexing and bulk import plain SQL.
"""

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("de", "en", "ar", "fa", "uk", "ru", "tr")
RTL_LANGUAGES = {"ar", "fa"}

# Said in the visitor's own language when the interface has no catalogue for it yet (our own wording).
INTERFACE_NOTICE = {
    "ar": "واجهة الموقع غير متوفرة بالعربية بعد، لذلك تظهر بالألمانية. العروض المترجمة تظهر بالعربية.",
    "fa": "رابط کاربری هنوز به فارسی در دسترس نیست و به آلمانی نمایش داده می‌شود. پیشنهادهای ترجمه‌شده به فارسی "
          "نمایش داده می‌شوند.",
    "uk": "Інтерфейс ще не перекладено українською, тому він показаний німецькою. Перекладені пропозиції "
          "відображаються українською.",
    "ru": "Интерфейс пока не переведён на русский и показан на немецком. Переведённые предложения отображаются "
          "на русском.",
    "tr": "Arayüz henüz Türkçe değil, bu yüzden Almanca gösteriliyor. Çevrilmiş teklifler Türkçe gösterilir.",
}


def add_translated_fields(model, name, make_field):
    """Add `<name>_<lang>` for every content language; German is required."""
    for lang in CONTENT_LANGUAGES:
        model.add_to_class(f"{name}_{lang}", make_field(lang, required=(lang == "de")))


def active_content_language() -> str:
    lang = (get_language() or "de")[:2]
    return lang if lang in CONTENT_LANGUAGES else "de"


def translation_of(obj, name, lang=None) -> tuple[str, str]:
    """The text in the wanted language, else German, with the language it is in."""
    lang = lang or active_content_language()
    text = getattr(obj, f"{name}_{lang}", "") or ""
    if text:
        return text, lang
    return getattr(obj, f"{name}_de", "") or "", "de"


class TranslatedText:
    """What templates need to render a translated text: the text, its lang and dir."""

    def __init__(self, text: str, lang: str):
        self.text = text
        self.lang = lang
        self.dir = "rtl" if lang in RTL_LANGUAGES else "ltr"

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def translated(obj, name, lang=None) -> TranslatedText:
    return TranslatedText(*translation_of(obj, name, lang))
