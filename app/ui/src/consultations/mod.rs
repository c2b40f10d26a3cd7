//! 我的咨询: a signed-in taxpayer asks the tax office a question and follows it
//! (已受理 → 办理中 → 已答复 → 已关闭).
mod detail;
mod list;

pub use detail::ConsultationRoute;
pub use list::ConsultationsRoute;

use crate::account::decode_errors;
use crate::Lang;

pub fn status_key(status: &str) -> &'static str {
    match status {
        "in_progress" => "consultation-status-in-progress",
        "answered" => "consultation-status-answered",
        "closed" => "consultation-status-closed",
        _ => "consultation-status-received",
    }
}

pub fn status_class(status: &str) -> &'static str {
    match status {
        "answered" => "tag tag--green",
        "closed" => "tag tag--grey",
        "in_progress" => "tag tag--yellow",
        _ => "tag",
    }
}

/// The problems of a refused form, (field, message), from the query string.
pub fn problems(lang: Lang, encoded: &str) -> Vec<(String, String)> {
    decode_errors(lang, encoded)
}
