"""The few words of the respondent pages in every language a survey may be answered in.

German and English come from the interface catalogue like every other label; the community languages of the
directory (which have no interface catalogue) get these words here, so a respondent who picked Arabic or
Farsi meets buttons and hints in that language too, not only the questions.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

INTERFACE = {
    "next": _("Weiter"),
    "back": _("Zurück"),
    "submit": _("Antworten absenden"),
    "save": _("Speichern und später weitermachen"),
    "required": _("Pflichtfrage"),
    "page": _("Seite %(n)s von %(total)s"),
    "dont_know": _("weiß nicht / keine Angabe"),
    "thanks": _("Vielen Dank für Ihre Antworten."),
    "thanks_more": _("Ihre Antworten sind eingegangen. Sie können dieses Fenster schließen."),
    "closed": _("Diese Umfrage ist beendet und nimmt keine Antworten mehr an."),
    "not_yet": _("Diese Umfrage beginnt am %(day)s."),
    "answered": _("Mit dieser Einladung wurde bereits geantwortet. Vielen Dank!"),
    "check": _("Bitte prüfen Sie Ihre Angaben."),
    "answer_this": _("Bitte beantworten Sie diese Frage."),
    "language": _("Sprache"),
    "rank": _("Rang"),
    "rank_hint": _("Vergeben Sie jeden Rang höchstens einmal; 1 ist der wichtigste."),
    "saved": _("Ihre Antworten sind gespeichert. Mit dem Link aus Ihrer Einladung können Sie später weitermachen."),
    "more": _("Ihre Antworten machen auf dieser Seite weitere Fragen sichtbar."),
    "choose": _("bitte wählen"),
    "anonymous": _("Diese Umfrage ist anonym: Es werden weder Name noch Adresse noch Uhrzeit gespeichert."),
    "personal": _("Ihre Antworten werden Ihrer Einladung zugeordnet."),
    "from_to": _("von %(low)s bis %(high)s"),
}

COMMUNITY = {
    "ar": {"next": "التالي", "back": "رجوع", "submit": "إرسال الإجابات", "save": "حفظ والمتابعة لاحقًا",
           "required": "سؤال إلزامي", "page": "الصفحة %(n)s من %(total)s", "dont_know": "لا أعرف / بلا إجابة",
           "thanks": "شكرًا جزيلًا على إجاباتك.", "thanks_more": "وصلتنا إجاباتك. يمكنك إغلاق هذه النافذة.",
           "closed": "انتهى هذا الاستطلاع ولم يعد يقبل إجابات.", "not_yet": "يبدأ هذا الاستطلاع في %(day)s.",
           "answered": "تمت الإجابة بهذه الدعوة من قبل. شكرًا لك!", "check": "يرجى مراجعة إجاباتك.",
           "answer_this": "يرجى الإجابة عن هذا السؤال.", "language": "اللغة", "rank": "الترتيب",
           "rank_hint": "استخدم كل رتبة مرة واحدة على الأكثر؛ 1 هو الأهم.",
           "saved": "تم حفظ إجاباتك. يمكنك المتابعة لاحقًا عبر الرابط في دعوتك.",
           "more": "أظهرت إجاباتك أسئلة إضافية في هذه الصفحة.", "choose": "يرجى الاختيار",
           "anonymous": "هذا الاستطلاع مجهول الهوية: لا يُحفظ الاسم ولا العنوان ولا الوقت.",
           "personal": "تُربط إجاباتك بدعوتك.", "from_to": "من %(low)s إلى %(high)s"},
    "fa": {"next": "بعدی", "back": "بازگشت", "submit": "ارسال پاسخ‌ها", "save": "ذخیره و ادامه در زمانی دیگر",
           "required": "پرسش اجباری", "page": "صفحه %(n)s از %(total)s", "dont_know": "نمی‌دانم / بدون پاسخ",
           "thanks": "از پاسخ‌های شما سپاسگزاریم.", "thanks_more": "پاسخ‌های شما دریافت شد. می‌توانید این پنجره را ببندید.",
           "closed": "این نظرسنجی به پایان رسیده و دیگر پاسخی نمی‌پذیرد.", "not_yet": "این نظرسنجی در %(day)s آغاز می‌شود.",
           "answered": "با این دعوت‌نامه قبلاً پاسخ داده شده است. سپاس!", "check": "لطفاً پاسخ‌های خود را بررسی کنید.",
           "answer_this": "لطفاً به این پرسش پاسخ دهید.", "language": "زبان", "rank": "رتبه",
           "rank_hint": "هر رتبه را حداکثر یک بار بدهید؛ ۱ مهم‌ترین است.",
           "saved": "پاسخ‌های شما ذخیره شد. با پیوند دعوت‌نامه می‌توانید بعداً ادامه دهید.",
           "more": "پاسخ‌های شما پرسش‌های دیگری را در این صفحه نمایان کرد.", "choose": "لطفاً انتخاب کنید",
           "anonymous": "این نظرسنجی ناشناس است: نه نام، نه نشانی و نه زمان ذخیره می‌شود.",
           "personal": "پاسخ‌های شما به دعوت‌نامه‌تان مرتبط می‌شود.", "from_to": "از %(low)s تا %(high)s"},
    "uk": {"next": "Далі", "back": "Назад", "submit": "Надіслати відповіді", "save": "Зберегти й продовжити пізніше",
           "required": "Обов'язкове питання", "page": "Сторінка %(n)s з %(total)s", "dont_know": "не знаю / без відповіді",
           "thanks": "Щиро дякуємо за ваші відповіді.", "thanks_more": "Ваші відповіді отримано. Можете закрити це вікно.",
           "closed": "Це опитування завершено й більше не приймає відповідей.", "not_yet": "Опитування починається %(day)s.",
           "answered": "За цим запрошенням уже відповіли. Дякуємо!", "check": "Будь ласка, перевірте свої відповіді.",
           "answer_this": "Будь ласка, дайте відповідь на це питання.", "language": "Мова", "rank": "Місце",
           "rank_hint": "Кожне місце — щонайбільше один раз; 1 — найважливіше.",
           "saved": "Ваші відповіді збережено. Продовжити можна за посиланням із запрошення.",
           "more": "Ваші відповіді відкрили на цій сторінці додаткові питання.", "choose": "оберіть",
           "anonymous": "Опитування анонімне: не зберігаються ні ім'я, ні адреса, ні час.",
           "personal": "Ваші відповіді пов'язуються з вашим запрошенням.", "from_to": "від %(low)s до %(high)s"},
    "ru": {"next": "Далее", "back": "Назад", "submit": "Отправить ответы", "save": "Сохранить и продолжить позже",
           "required": "Обязательный вопрос", "page": "Страница %(n)s из %(total)s", "dont_know": "не знаю / нет ответа",
           "thanks": "Большое спасибо за ваши ответы.", "thanks_more": "Ваши ответы получены. Окно можно закрыть.",
           "closed": "Этот опрос завершён и больше не принимает ответы.", "not_yet": "Опрос начинается %(day)s.",
           "answered": "По этому приглашению уже ответили. Спасибо!", "check": "Пожалуйста, проверьте ответы.",
           "answer_this": "Пожалуйста, ответьте на этот вопрос.", "language": "Язык", "rank": "Место",
           "rank_hint": "Каждое место — не более одного раза; 1 — самое важное.",
           "saved": "Ваши ответы сохранены. Продолжить можно по ссылке из приглашения.",
           "more": "Ваши ответы открыли на этой странице дополнительные вопросы.", "choose": "выберите",
           "anonymous": "Опрос анонимный: не сохраняются ни имя, ни адрес, ни время.",
           "personal": "Ваши ответы связываются с вашим приглашением.", "from_to": "от %(low)s до %(high)s"},
    "tr": {"next": "İleri", "back": "Geri", "submit": "Yanıtları gönder", "save": "Kaydet ve sonra devam et",
           "required": "Zorunlu soru", "page": "Sayfa %(n)s / %(total)s", "dont_know": "bilmiyorum / yanıt yok",
           "thanks": "Yanıtlarınız için çok teşekkürler.", "thanks_more": "Yanıtlarınız alındı. Bu pencereyi kapatabilirsiniz.",
           "closed": "Bu anket sona erdi ve artık yanıt kabul etmiyor.", "not_yet": "Bu anket %(day)s tarihinde başlıyor.",
           "answered": "Bu davetle zaten yanıt verildi. Teşekkürler!", "check": "Lütfen yanıtlarınızı kontrol edin.",
           "answer_this": "Lütfen bu soruyu yanıtlayın.", "language": "Dil", "rank": "Sıra",
           "rank_hint": "Her sırayı en fazla bir kez verin; 1 en önemlisidir.",
           "saved": "Yanıtlarınız kaydedildi. Davetinizdeki bağlantıyla daha sonra devam edebilirsiniz.",
           "more": "Yanıtlarınız bu sayfada başka sorular gösterdi.", "choose": "lütfen seçin",
           "anonymous": "Bu anket anonimdir: ad, adres ya da saat kaydedilmez.",
           "personal": "Yanıtlarınız davetinizle ilişkilendirilir.", "from_to": "%(low)s ile %(high)s arası"},
}


def words(language: str) -> dict[str, str]:
    """Every word of the respondent pages in `language` (German where a language has none)."""
    own = COMMUNITY.get(language, {})
    with translation.override(language if language in ("de", "en") else "de"):
        return {key: own.get(key) or str(text) for key, text in INTERFACE.items()}
