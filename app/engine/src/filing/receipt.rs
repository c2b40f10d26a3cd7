//! Receipt numbers: `BS-20261129-7K3M-9Q2X-T`: the filing date, eight random characters (40 bits) of
//! Crockford's base 32 (no I, L, O, U; easy to read aloud) and a check character computed with
//! the Luhn mod N algorithm over the same alphabet, so any single mistyped character and any
//! swap of two neighbours is caught.
use std::fmt;

use super::Date;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_CHARS: usize = 8;

fn value_of(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u32)
}

/// Luhn mod 32 check character for `payload` (characters of the alphabet).
fn check_char(payload: &[u32]) -> char {
    let n = 32;
    let mut sum = 0;
    let mut factor = 2;
    for &v in payload.iter().rev() {
        let addend = factor * v;
        sum += addend / n + addend % n;
        factor = if factor == 2 { 1 } else { 2 };
    }
    let check = (n - sum % n) % n;
    ALPHABET[check as usize] as char
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReceiptNumber(String);

impl ReceiptNumber {
    /// A new receipt number for a filing made on `date`, from 40 random bits.
    pub fn new(date: Date, random: u64) -> ReceiptNumber {
        let mut chars = Vec::with_capacity(RANDOM_CHARS);
        let mut r = random;
        for _ in 0..RANDOM_CHARS {
            chars.push((r % 32) as u32);
            r /= 32;
        }
        let date_digits = format!("{:04}{:02}{:02}", date.year, date.month, date.day);
        let mut payload: Vec<u32> = date_digits.chars().filter_map(value_of).collect();
        payload.extend(&chars);
        let body: String = chars
            .iter()
            .map(|&v| ALPHABET[v as usize] as char)
            .collect();
        ReceiptNumber(format!(
            "BS-{date_digits}-{}-{}-{}",
            &body[0..4],
            &body[4..8],
            check_char(&payload)
        ))
    }

    /// Reads a receipt number as a person may type it (lower case, O for 0, spaces or no
    /// dashes); `None` when it is malformed or its check character is wrong.
    pub fn parse(text: &str) -> Option<ReceiptNumber> {
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        let rest = compact.strip_prefix("BS")?;
        if rest.len() != 8 + RANDOM_CHARS + 1 || !rest.is_ascii() {
            return None;
        }
        let (date, tail) = rest.split_at(8);
        if !date.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let values: Vec<u32> = tail.chars().map(value_of).collect::<Option<_>>()?;
        let (body, check) = values.split_at(RANDOM_CHARS);
        let mut payload: Vec<u32> = date.chars().filter_map(value_of).collect();
        payload.extend(body);
        if check_char(&payload) != ALPHABET[check[0] as usize] as char {
            return None;
        }
        let body: String = body.iter().map(|&v| ALPHABET[v as usize] as char).collect();
        Some(ReceiptNumber(format!(
            "BS-{date}-{}-{}-{}",
            &body[0..4],
            &body[4..8],
            ALPHABET[check[0] as usize] as char
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReceiptNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Date {
        Date {
            year: 2026,
            month: 11,
            day: 29,
        }
    }

    #[test]
    fn round_trips_and_reads_sloppy_typing() {
        for random in [0u64, 1, 31, 32, 0xFF_FFFF_FFFF, 123_456_789_012] {
            let n = ReceiptNumber::new(date(), random);
            assert_eq!(n.as_str().len(), "BS-20261129-XXXX-XXXX-X".len());
            assert_eq!(ReceiptNumber::parse(n.as_str()), Some(n.clone()));
            let sloppy = n
                .as_str()
                .replace('-', " ")
                .to_lowercase()
                .replace('0', "o");
            assert_eq!(ReceiptNumber::parse(&sloppy), Some(n));
        }
    }

    #[test]
    fn every_single_substitution_and_adjacent_swap_is_caught() {
        let n = ReceiptNumber::new(date(), 987_654_321_987);
        let chars: Vec<char> = n.as_str().chars().collect();
        let positions: Vec<usize> = (0..chars.len())
            .filter(|&i| i >= 3 && chars[i] != '-')
            .collect();
        for &i in &positions {
            for &a in ALPHABET.iter() {
                let a = a as char;
                if a == chars[i] || (i < 11 && !a.is_ascii_digit()) {
                    continue;
                }
                let mut changed = chars.clone();
                changed[i] = a;
                let text: String = changed.iter().collect();
                assert_eq!(ReceiptNumber::parse(&text), None, "{text}");
            }
        }
        for w in positions.windows(2) {
            let (i, j) = (w[0], w[1]);
            if chars[i] == chars[j] {
                continue;
            }
            let mut swapped = chars.clone();
            swapped.swap(i, j);
            let text: String = swapped.iter().collect();
            assert_eq!(ReceiptNumber::parse(&text), None, "{text}");
        }
    }
}
