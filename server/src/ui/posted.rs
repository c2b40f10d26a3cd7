//! An HTML form's fields as posted, with control characters (NUL and the like) taken out at
//! the edge: no one types them, and PostgreSQL cannot store a NUL. Line breaks and tabs stay.
use axum::{
    extract::{FromRequest, Request},
    Form,
};

use super::forms::Fields;
use crate::http::unwanted_control;

pub struct Posted(pub Fields);

fn clean(text: String) -> String {
    if text.chars().any(unwanted_control) {
        text.chars().filter(|c| !unwanted_control(*c)).collect()
    } else {
        text
    }
}

impl<S: Send + Sync> FromRequest<S> for Posted {
    type Rejection = <Form<Fields> as FromRequest<S>>::Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Form(fields) = Form::<Fields>::from_request(request, state).await?;
        Ok(Posted(
            fields
                .into_iter()
                .map(|(name, value)| (clean(name), clean(value)))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn control_characters_go_line_breaks_stay() {
        assert_eq!(clean("a\u{0}b\u{7}c".into()), "abc");
        assert_eq!(clean("第一行\r\n\t第二行".into()), "第一行\r\n\t第二行");
    }
}
