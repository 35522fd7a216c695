//! Whether a frame's body is a JSON-RPC message, read without copying it:
//! each member that makes it one only as the kind of value it is, the rest
//! (a document's text in `params`) skipped. A `serde_json::Value` of the
//! body held a copy of every string in it, megabytes for a large plan
//! opened, on top of the copies the transport behind makes.

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// What a body is.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// Not JSON, or nested deeper than the transport reads.
    NotJson,
    /// JSON, but no request, notification or response.
    NotMessage,
    Message,
}

pub fn read(body: &[u8]) -> Read {
    match serde_json::from_slice::<Probe>(body) {
        Ok(_) if too_deep(body) => Read::NotJson,
        Ok(probe) if probe.is_message() => Read::Message,
        Ok(_) => Read::NotMessage,
        Err(_) => Read::NotJson,
    }
}

/// Whether arrays and objects nest 128 deep in `body`, strings aside: as
/// deep as serde_json reads a value, and tower-lsp-server's transport stops
/// at a body it cannot read. The probe skips what it does not read at any
/// depth, so the depth is counted here.
fn too_deep(body: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(&b) = body.get(at) {
        at += 1;
        match b {
            b'"' => {
                // To the closing quote, over escapes.
                while let Some(i) = body.get(at..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
                    at += i + 1;
                    if body[at - 1] == b'"' {
                        break;
                    }
                    at += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth >= 128 {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// What [`read`] reads of a body.
#[derive(Default)]
struct Probe {
    jsonrpc: Option<Member>,
    id: Option<Member>,
    method: Option<Member>,
    result: bool,
    error: bool,
}

/// A member's value: its kind, and for a string whether it is `"2.0"`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Member {
    Null,
    Number,
    Text { is_version: bool },
    Other,
}

impl Probe {
    fn is_message(&self) -> bool {
        let valid_id = matches!(
            self.id,
            None | Some(Member::Null | Member::Number | Member::Text { .. })
        );
        self.jsonrpc == Some(Member::Text { is_version: true })
            && valid_id
            && (matches!(self.method, Some(Member::Text { .. }))
                || (self.id.is_some() && (self.result || self.error)))
    }
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        d.deserialize_any(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    /// An object: its members, the last of a name counting (as in a `Value`).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "jsonrpc" => probe.jsonrpc = Some(map.next_value()?),
                "id" => probe.id = Some(map.next_value()?),
                "method" => probe.method = Some(map.next_value()?),
                "result" => {
                    map.next_value::<IgnoredAny>()?;
                    probe.result = true;
                }
                "error" => {
                    map.next_value::<IgnoredAny>()?;
                    probe.error = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }

    // Any other value is well-formed JSON, but no message.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Probe, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Probe::default())
    }
    fn visit_unit<E>(self) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Probe, E> {
        Ok(Probe::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Probe, E> {
        Ok(Probe::default())
    }
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Member, D::Error> {
        d.deserialize_any(MemberVisitor)
    }
}

struct MemberVisitor;

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = Member;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Member, E> {
        Ok(Member::Null)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Member, E> {
        Ok(Member::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Member, E> {
        Ok(Member::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Member, E> {
        Ok(Member::Number)
    }
    fn visit_str<E>(self, text: &str) -> Result<Member, E> {
        Ok(Member::Text {
            is_version: text == "2.0",
        })
    }
    fn visit_bool<E>(self, _: bool) -> Result<Member, E> {
        Ok(Member::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Member, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Member::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Member, A::Error> {
        IgnoredAny.visit_map(map).map(|_| Member::Other)
    }
}
