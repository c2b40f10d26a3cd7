//! Display formatting that does not change values.

/// `1234567.80` → `1,234,567.80` (the text the engine produced, grouped for reading).
pub fn group_thousands(amount: &str) -> String {
    let (sign, rest) = match amount.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", amount),
    };
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn groups() {
        assert_eq!(group_thousands("1234567.80"), "1,234,567.80");
        assert_eq!(group_thousands("-220.00"), "-220.00");
        assert_eq!(group_thousands("100000.00"), "100,000.00");
        assert_eq!(group_thousands("0.00"), "0.00");
    }
}
