// Interface labels in English and Arabic. `?lang=ar` turns the whole page right-to-left.

const STRINGS = {
  en: {
    title: "rasd — conflict events",
    actor: "Actor",
    event_type: "Event type",
    admin1: "Governorate",
    date_from: "From",
    date_to: "To",
    q: "Search text",
    min_fatalities: "Min. killed",
    any: "All",
    clear: "Clear filters",
    token: "Reviewer token",
    token_hint: "Needed to review (rasd token create NAME)",
    language: "العربية",
    incidents: "Incidents",
    none: "Nothing matches these filters.",
    back: "← Back to the list",
    prev: "Previous",
    next: "Next",
    page: "{from}–{to} of {total}",
    fields: "Fields",
    reviewed: "reviewed",
    edit: "Edit",
    save: "Save correction",
    cancel: "Cancel",
    confirm: "Confirm",
    reject: "Reject",
    confirmed: "Confirmed",
    rejected: "Rejected",
    unreviewed: "Not reviewed",
    merge_with: "Merge with…",
    merge: "Merge",
    split: "Split the checked reports into a new incident",
    move_out: "Move to a new incident",
    reports: "Reports",
    report_of: "Report {n} of {total}",
    evidence: "Evidence",
    audit: "Review trail",
    no_reviews: "No review yet.",
    events: "Events per week",
    events_month: "Events per month",
    fatalities_chart: "Killed",
    brush_hint: "Drag over the timeline to filter the map by dates; click to clear.",
    week: "Week",
    month: "Month",
    other: "Other",
    unknown: "Unknown",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    reset_view: "Whole country",
    killed: "killed",
    records: "{n} incidents",
    record_one: "1 incident",
    saved: "Saved.",
    error: "Error: {message}",
    outlet: "Outlet",
    published: "Published",
    article_text: "Article text",
    legend: "Event types",
    sources: "Sources",
    yes: "yes",
    no: "no",
  },
  ar: {
    title: "رصد — أحداث النزاع",
    actor: "الجهة",
    event_type: "نوع الحدث",
    admin1: "المحافظة",
    date_from: "من",
    date_to: "إلى",
    q: "بحث في النص",
    min_fatalities: "أدنى عدد قتلى",
    any: "الكل",
    clear: "مسح عوامل التصفية",
    token: "رمز المراجِع",
    token_hint: "مطلوب للمراجعة (rasd token create NAME)",
    language: "English",
    incidents: "الحوادث",
    none: "لا شيء يطابق عوامل التصفية هذه.",
    back: "→ العودة إلى القائمة",
    prev: "السابق",
    next: "التالي",
    page: "{from}–{to} من {total}",
    fields: "الحقول",
    reviewed: "رُوجِع",
    edit: "تعديل",
    save: "حفظ التصحيح",
    cancel: "إلغاء",
    confirm: "تأكيد",
    reject: "رفض",
    confirmed: "مؤكَّد",
    rejected: "مرفوض",
    unreviewed: "لم يُراجَع",
    merge_with: "دمج مع…",
    merge: "دمج",
    split: "فصل التقارير المحددة في حادثة جديدة",
    move_out: "نقل إلى حادثة جديدة",
    reports: "التقارير",
    report_of: "التقرير {n} من {total}",
    evidence: "الأدلة",
    audit: "سجل المراجعة",
    no_reviews: "لا مراجعات بعد.",
    events: "الأحداث أسبوعيًا",
    events_month: "الأحداث شهريًا",
    fatalities_chart: "القتلى",
    brush_hint: "اسحب على الخط الزمني لتصفية الخريطة حسب التاريخ؛ انقر للمسح.",
    week: "أسبوع",
    month: "شهر",
    other: "أخرى",
    unknown: "غير معروف",
    zoom_in: "تكبير",
    zoom_out: "تصغير",
    reset_view: "كامل البلاد",
    killed: "قتيل",
    records: "{n} حادثة",
    record_one: "حادثة واحدة",
    saved: "حُفظ.",
    error: "خطأ: {message}",
    outlet: "الوسيلة",
    published: "تاريخ النشر",
    article_text: "نص المقال",
    legend: "أنواع الأحداث",
    sources: "المصادر",
    yes: "نعم",
    no: "لا",
  },
};

const TYPES_AR = {
  Battles: "معارك",
  "Explosions/Remote violence": "انفجارات/عنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين",
  Protests: "احتجاجات",
  Riots: "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
  "Armed clash": "اشتباك مسلح",
  "Government regains territory": "استعادة الحكومة أراضي",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ",
  "Chemical weapon": "سلاح كيميائي",
  "Air/drone strike": "غارة جوية/بطائرة مسيّرة",
  "Suicide bomb": "تفجير انتحاري",
  "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي",
  "Remote explosive/landmine/IED": "عبوة ناسفة/لغم",
  Grenade: "قنبلة يدوية",
  "Sexual violence": "عنف جنسي",
  Attack: "هجوم",
  "Abduction/forced disappearance": "خطف/إخفاء قسري",
  Agreement: "اتفاق",
  Arrests: "اعتقالات",
  "Change to group/activity": "تغيّر في نشاط جماعة",
  "Disrupted weapons use": "إحباط استخدام أسلحة",
  "Headquarters or base established": "إنشاء مقر أو قاعدة",
  "Looting/property destruction": "نهب/تدمير ممتلكات",
  "Non-violent transfer of territory": "انتقال أراضٍ دون عنف",
  Other: "أخرى",
};

let lang = "en";

export function setLang(value) {
  lang = value === "ar" ? "ar" : "en";
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
}

export const currentLang = () => lang;

export function t(key, vars = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

export const typeName = (type) => (lang === "ar" ? TYPES_AR[type] ?? type : type);

// Labels of actors and governorates come with the facets (label_en / label_ar).
const labels = { actor: new Map(), admin1: new Map() };

export function learnLabels(facets) {
  for (const kind of ["actor", "admin1"]) {
    for (const item of facets[kind]) labels[kind].set(item.value, item);
  }
}

export function label(kind, value) {
  if (value === null || value === undefined || value === "") return t("unknown");
  if (kind === "event_type") return typeName(value);
  const item = labels[kind]?.get(value);
  if (!item) return value;
  return lang === "ar" ? item.label_ar : item.label_en;
}
