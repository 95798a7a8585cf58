//! Text in the two message languages: a label or title in both ([`Localized`]) and the language
//! a caller asked for ([`Locale`]). Every layer above names fields and profiles with these.

/// A text in both message languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Localized {
    /// Simplified Chinese, the default.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// Both languages at once.
    pub fn new(zh: &str, en: &str) -> Localized {
        Localized { zh: zh.to_owned(), en: en.to_owned() }
    }
}

/// A message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Locale {
    /// `zh-CN`, `zh` and `zh-*` are Chinese; `en` and `en-*` English; anything else is `None`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        let lang = lower.split(['-', '_']).next().unwrap_or("");
        match lang {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks this locale's text.
    pub fn pick(self, text: &Localized) -> &str {
        match self {
            Locale::ZhCn => &text.zh,
            Locale::En => &text.en,
        }
    }
}
