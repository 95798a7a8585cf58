//! Tokens of a definition's expressions, each with the 1-based character column it starts at, so
//! an error can say where (`unknown field ${fxied} at 3`).

use super::{ExprError, Kind};

/// One token and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// 1-based character column of its first character.
    pub at: usize,
}

/// The tokens of the language.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A number literal (`12`, `0.5`).
    Num(f64),
    /// A string literal in double quotes, `\"` and `\\` escaped.
    Str(String),
    /// `${path}`: a field, a column of a repeated group, or a group.
    Field(String),
    /// `$param.name`: a parameter of the definition, which a profile may override.
    Param(String),
    /// A function name or `and`, `or`, `not`, `true`, `false`.
    Word(String),
    /// An operator or punctuation: `+ - * / = != < <= > >= ( ) ,`.
    Op(&'static str),
}

const OPS: [&str; 13] = ["!=", "<=", ">=", "+", "-", "*", "/", "=", "<", ">", "(", ")", ","];

/// Splits `text` into tokens; at most `max_tokens` of them (a limit, answered with an error).
pub fn tokens(text: &str, max_tokens: usize) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let at = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if out.len() >= max_tokens {
            return Err(ExprError::new(Kind::TooLong, at, format!("more than {max_tokens} tokens")));
        }
        let tok = if c == '$' {
            if chars.get(i + 1) == Some(&'{') {
                let start = i + 2;
                let end = (start..chars.len()).find(|&j| chars.get(j) == Some(&'}'));
                let Some(end) = end else {
                    return Err(ExprError::new(Kind::Syntax, at, "`${` without its closing `}`".into()));
                };
                let path: String = chars.get(start..end).unwrap_or_default().iter().collect();
                i = end + 1;
                Tok::Field(path.trim().to_string())
            } else {
                let word: String = chars
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '.')
                    .collect();
                let Some(name) = word.strip_prefix("param.").filter(|n| !n.is_empty()) else {
                    return Err(ExprError::new(Kind::Syntax, at, "`$` starts `${field}` or `$param.name`".into()));
                };
                i += 1 + word.chars().count();
                Tok::Param(name.to_string())
            }
        } else if c.is_ascii_digit() {
            let lit: String =
                chars.get(i..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit() || **c == '.').collect();
            i += lit.chars().count();
            match lit.parse::<f64>() {
                Ok(n) => Tok::Num(n),
                Err(_) => return Err(ExprError::new(Kind::Syntax, at, format!("`{lit}` is not a number"))),
            }
        } else if c == '"' {
            let mut s = String::new();
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    None => return Err(ExprError::new(Kind::Syntax, at, "a string without its closing `\"`".into())),
                    Some('"') => break,
                    Some('\\') => {
                        if let Some(&next) = chars.get(j + 1) {
                            s.push(next);
                        }
                        j += 2;
                    }
                    Some(&ch) => {
                        s.push(ch);
                        j += 1;
                    }
                }
            }
            i = j + 1;
            Tok::Str(s)
        } else if c.is_alphabetic() || c == '_' {
            let word: String =
                chars.get(i..).unwrap_or_default().iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
            i += word.chars().count();
            Tok::Word(word)
        } else {
            let rest: String = chars.get(i..i + 2).or_else(|| chars.get(i..i + 1)).unwrap_or_default().iter().collect();
            let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) else {
                return Err(ExprError::new(Kind::Syntax, at, format!("unexpected `{c}`")));
            };
            i += op.len();
            Tok::Op(op)
        };
        out.push(Token { tok, at });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokens(text, 100).unwrap_or_default().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn fields_params_and_operators() {
        assert_eq!(
            toks("${fixed} <= ${found}"),
            [Tok::Field("fixed".into()), Tok::Op("<="), Tok::Field("found".into())]
        );
        assert_eq!(toks("$param.video_retention_days"), [Tok::Param("video_retention_days".into())]);
        assert_eq!(toks(r#"count(${rows}, ${status} = "in_progress")"#).len(), 8);
        assert_eq!(toks("整改资金"), [Tok::Word("整改资金".into())]);
    }

    #[test]
    fn positions_are_character_columns() {
        let t = tokens("合计 + ${fxied}", 100).unwrap_or_default();
        assert_eq!(t.iter().map(|t| t.at).collect::<Vec<_>>(), [1, 4, 6]);
    }

    #[test]
    fn mistakes_say_where() {
        let e = tokens("1 + ${found", 100).err();
        assert_eq!(e.map(|e| (e.kind, e.at)), Some((Kind::Syntax, 5)));
        assert_eq!(tokens("$x", 100).err().map(|e| e.kind), Some(Kind::Syntax));
        assert_eq!(tokens("\"open", 100).err().map(|e| e.kind), Some(Kind::Syntax));
        assert_eq!(tokens("1 # 2", 100).err().map(|e| e.at), Some(3));
        // The token limit at n-1, n, n+1.
        assert!(tokens("1 + 1", 3).is_ok());
        assert_eq!(tokens("1 + 1 +", 3).err().map(|e| e.kind), Some(Kind::TooLong));
        assert!(tokens("1 + 1", 4).is_ok());
    }
}
