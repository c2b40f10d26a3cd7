//! One operation of the document: who may call it, what it reads, what it answers. The
//! refusals every operation of a sort can give are added here, once: a body can be malformed
//! (400) or too large (413); a state-changing request can be cross-site (403); a protected
//! endpoint can be called without credentials (401) or with the wrong ones (403); storage can
//! fail to answer (503).
use serde_json::{json, Map, Value};

/// Who may call an operation (as the extractors of `auth` enforce it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Anyone.
    Public,
    /// A taxpayer: the session cookie or an API token (`Principal`); a read-only token only
    /// reads (403 otherwise).
    Taxpayer,
    /// A taxpayer with the session cookie (`SessionPrincipal`): a token gets 403.
    Session,
    /// A staff member with the staff session cookie (`StaffMember`); too small a role is 403.
    Staff,
}

pub struct Op {
    method: &'static str,
    value: Map<String, Value>,
    auth: Auth,
    params: Vec<Value>,
    responses: Map<String, Value>,
    has_body: bool,
    store: bool,
    forbidden_role: Option<&'static str>,
}

fn error(reference: &str) -> Value {
    json!({"$ref": format!("#/components/responses/{reference}")})
}

impl Op {
    pub fn new(method: &'static str, id: &str, summary: &str, auth: Auth) -> Op {
        let mut value = Map::new();
        value.insert("operationId".into(), json!(id));
        value.insert("summary".into(), json!(summary));
        Op {
            method,
            value,
            auth,
            params: Vec::new(),
            responses: Map::new(),
            has_body: false,
            store: auth != Auth::Public,
            forbidden_role: None,
        }
    }

    pub fn method(&self) -> &'static str {
        self.method
    }

    pub fn tag(mut self, tag: &str) -> Op {
        self.value.insert("tags".into(), json!([tag]));
        self
    }

    pub fn describe(mut self, text: &str) -> Op {
        self.value.insert("description".into(), json!(text));
        self
    }

    /// The operation reads or writes storage (503 when it does not answer).
    pub fn store(mut self) -> Op {
        self.store = true;
        self
    }

    /// Staff: the role the operation needs beyond being signed in (403 below it).
    pub fn role(mut self, role: &'static str) -> Op {
        self.forbidden_role = Some(role);
        self
    }

    pub fn path_param(mut self, name: &str, schema: Value, description: &str) -> Op {
        self.params
            .push(json!({"name": name, "in": "path", "required": true,
                                "schema": schema, "description": description}));
        self
    }

    pub fn query(mut self, name: &str, schema: Value, description: &str) -> Op {
        self.params
            .push(json!({"name": name, "in": "query", "required": false,
                                "schema": schema, "description": description}));
        self
    }

    /// `?limit=` (1–100, default 20) and `?cursor=` of a paginated list.
    pub fn paginated(mut self) -> Op {
        self.params
            .push(json!({"$ref": "#/components/parameters/Limit"}));
        self.params
            .push(json!({"$ref": "#/components/parameters/Cursor"}));
        self
    }

    pub fn param(mut self, parameter: Value) -> Op {
        self.params.push(parameter);
        self
    }

    /// A JSON request body.
    pub fn body(mut self, schema: Value, example: Option<Value>) -> Op {
        let mut media = json!({"schema": schema});
        if let Some(example) = example {
            media["example"] = example;
        }
        self.value.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": media}}),
        );
        self.has_body = true;
        self
    }

    /// A JSON body with several named examples (OpenAPI `examples`).
    pub fn body_examples(mut self, schema: Value, examples: Value) -> Op {
        self.value.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": {"schema": schema, "examples": examples}}}),
        );
        self.has_body = true;
        self
    }

    /// A JSON answer.
    pub fn answer(mut self, status: u16, description: &str, schema: Value) -> Op {
        self.responses.insert(
            status.to_string(),
            json!({"description": description, "content": {"application/json": {"schema": schema}}}),
        );
        self
    }

    /// Any other answer object (headers, another media type, no content).
    pub fn response(mut self, status: u16, response: Value) -> Op {
        self.responses.insert(status.to_string(), response);
        self
    }

    /// 204 No Content.
    pub fn no_content(self, description: &str) -> Op {
        self.response(204, json!({"description": description}))
    }

    /// The listed refusals (400, 404, 409, 422, 429) from `components/responses`.
    pub fn refusals(mut self, statuses: &[u16]) -> Op {
        for status in statuses {
            let name = match status {
                400 => "BadRequest",
                404 => "NotFound",
                409 => "Conflict",
                422 => "Invalid",
                429 => "TooManyRequests",
                _ => continue,
            };
            self.responses.insert(status.to_string(), error(name));
        }
        self
    }

    pub fn build(mut self) -> Value {
        let mut params = vec![json!({"$ref": "#/components/parameters/AcceptLanguage"})];
        params.extend(self.params);
        self.value.insert("parameters".into(), Value::Array(params));
        let security = match self.auth {
            Auth::Public => json!([]),
            Auth::Taxpayer => json!([{"bearerAuth": []}, {"cookieAuth": []}]),
            Auth::Session => json!([{"cookieAuth": []}]),
            Auth::Staff => json!([{"staffCookieAuth": []}]),
        };
        self.value.insert("security".into(), security);
        let mut responses = self.responses;
        let mut add = |status: &str, value: Value| {
            responses.entry(status.to_string()).or_insert(value);
        };
        if self.has_body {
            add("400", error("BadRequest"));
            add("413", error("TooLarge"));
            add("408", error("Timeout"));
        }
        let writes = self.method != "get";
        let forbidden = match self.auth {
            Auth::Public if writes => Some("A cross-site request (`cross_site_request`)"),
            Auth::Public => None,
            Auth::Taxpayer if writes => Some(
                "A cross-site request made with the session cookie, or a read-only API token (`forbidden`)",
            ),
            Auth::Taxpayer => None,
            Auth::Session => Some(
                "Called with an API token: tokens are managed with the session cookie only; or a cross-site request",
            ),
            Auth::Staff => Some(match self.forbidden_role {
                Some("publisher") => "The staff member's role is below publisher, a second factor is required and not yet enrolled (`second_factor_enrolment_required`), or a cross-site request",
                Some(_) => "The staff member is not an administrator, a second factor is required and not yet enrolled (`second_factor_enrolment_required`), or a cross-site request",
                None => "A second factor is required and not yet enrolled (`second_factor_enrolment_required`), or a cross-site request",
            }),
        };
        if let Some(description) = forbidden {
            add(
                "403",
                json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}),
            );
        }
        if self.auth != Auth::Public {
            add("401", error("Unauthorized"));
        }
        if self.store {
            add("503", error("Unavailable"));
        }
        self.value
            .insert("responses".into(), Value::Object(responses));
        Value::Object(self.value)
    }
}

/// Adds `op` under `path` (which starts with `/api/v1`).
pub fn add(paths: &mut Map<String, Value>, path: &str, op: Op) {
    let method = op.method();
    let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
    entry[method] = op.build();
}
