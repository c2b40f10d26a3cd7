//! Removing personal data from a question before it becomes a public FAQ: the asker's name and
//! identifier, anything that looks like an identity, account, card or phone number, and e-mail
//! addresses.

/// The marker that replaces what was removed.
pub const REMOVED: &str = "〔已隐去 removed〕";

fn looks_like_a_number(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    word.chars().count() >= 7 && digits >= 7
}

/// A full-width form (１３８, ＠, the ideographic space) as its ASCII letter, so that a number
/// typed with a Chinese input method is recognised like any other. Only for recognising: the
/// text keeps its own characters.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// One character of the text (as written, and as recognised), or a removed stretch.
#[derive(Clone, Copy)]
enum Piece {
    Kept { written: char, read: char },
    Removed,
}

impl Piece {
    fn read(self) -> Option<char> {
        match self {
            Piece::Kept { read, .. } => Some(read),
            Piece::Removed => None,
        }
    }
}

/// Numbers written in groups ("138 1234 5678", "(010) 8888-6666", "+86 138-1234-5678"): a run of
/// digits, spaces and `()+-.` holding at least 7 digits, from its first digit to its last.
fn grouped_numbers(pieces: Vec<Piece>) -> Vec<Piece> {
    let digit = |p: Piece| p.read().is_some_and(|c| c.is_ascii_digit());
    // Digits and what people put between their groups: spaces of every width, hyphens and
    // dashes, brackets, plus, dot and slash.
    let joins = |p: Piece| {
        p.read().is_some_and(|c| {
            c.is_ascii_digit()
                || matches!(c, ' ' | '-' | '(' | ')' | '+' | '.' | '/' | '\u{00A0}')
                || ('\u{2000}'..='\u{200A}').contains(&c)
                || ('\u{2010}'..='\u{2015}').contains(&c)
        })
    };
    let mut out = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        if !digit(pieces[i]) {
            out.push(pieces[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < pieces.len() && joins(pieces[end]) {
            end += 1;
        }
        // The run ends at its last digit; what follows it is kept.
        let last = (i..end).rev().find(|&j| digit(pieces[j])).unwrap_or(i);
        let run = &pieces[i..=last];
        let digits = run.iter().filter(|p| digit(**p)).count();
        let grouped = run.iter().any(|p| {
            p.read()
                .is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != '-')
        });
        if digits >= 7 && grouped {
            out.push(Piece::Removed);
        } else {
            out.extend_from_slice(run);
        }
        i = last + 1;
    }
    out
}

/// `text` without `known` strings (name, identifier) and without number-like or e-mail words.
pub fn scrub(text: &str, known: &[&str]) -> String {
    let mut text = text.to_string();
    for k in known
        .iter()
        .map(|k| k.trim())
        .filter(|k| k.chars().count() >= 2)
    {
        text = text.replace(k, REMOVED);
    }
    let pieces = grouped_numbers(
        text.chars()
            .map(|c| Piece::Kept {
                written: c,
                read: half_width(c),
            })
            .collect(),
    );
    let mut out = String::with_capacity(text.len());
    // The word being read: as written, and as recognised.
    let mut word: (String, String) = (String::new(), String::new());
    let flush = |word: &mut (String, String), out: &mut String| {
        if word.1.contains('@') || looks_like_a_number(&word.1) {
            out.push_str(REMOVED);
        } else {
            out.push_str(&word.0);
        }
        word.0.clear();
        word.1.clear();
    };
    for piece in pieces {
        match piece {
            Piece::Kept { written, read }
                if read.is_ascii_alphanumeric() || matches!(read, '@' | '.' | '_' | '-' | '+') =>
            {
                word.0.push(written);
                word.1.push(read);
            }
            Piece::Kept { written, .. } => {
                flush(&mut word, &mut out);
                out.push(written);
            }
            Piece::Removed => {
                flush(&mut word, &mut out);
                out.push_str(REMOVED);
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_personal_data() {
        let text = "我是张三，身份证11010519491231002X，电话13812345678，邮箱zhang@example.com，卡号6222020200112233445。起征点是10万元吗？";
        let clean = scrub(text, &["张三", "11010519491231002X"]);
        for gone in [
            "张三",
            "11010519491231002X",
            "13812345678",
            "zhang@example.com",
            "6222020200112233445",
        ] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        assert!(clean.contains("起征点是10万元吗？"), "{clean}");
        assert!(clean.contains("2026") || !text.contains("2026"));
    }

    #[test]
    fn removes_spaced_and_full_width_numbers() {
        let text = "电话 138 1234 5678，座机（010）8888-6666，手机１３８１２３４５６７８，国际 +86 139-0000-1111，邮箱ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ。";
        let clean = scrub(text, &[]);
        for gone in [
            "5678",
            "8888",
            "6666",
            "３４５６７８",
            "1111",
            "ｅｘａｍｐｌｅ",
        ] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        assert!(clean.starts_with("电话 "), "{clean}");
        assert!(
            clean.contains("，座机（"),
            "Chinese punctuation stays: {clean}"
        );
    }

    #[test]
    fn keeps_ordinary_numbers() {
        let clean = scrub("2026年第10号公告，销售额300,000元", &[]);
        assert_eq!(clean, "2026年第10号公告，销售额300,000元");
    }
}
