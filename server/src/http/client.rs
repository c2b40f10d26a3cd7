//! The address a request came from, as the throttles and the audit log record it: the TCP
//! peer, or — when the peer is one of the configured reverse proxies — the address the proxies
//! say they received the request from (`X-Forwarded-For`, read right to left, skipping the
//! trusted proxies; never trusted from anyone else, who could write any address there).
use std::{
    convert::Infallible,
    net::{IpAddr, SocketAddr},
    sync::Arc,
};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::request::Parts,
    middleware::Next,
    response::Response,
};
use http::{Extensions, HeaderMap};

/// The reverse proxies whose `X-Forwarded-For` is believed (`BANSHUI_TRUSTED_PROXIES`).
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Arc<Vec<IpAddr>>);

/// The client's address as resolved for this request.
#[derive(Clone, Debug)]
struct ResolvedClient(String);

/// One `X-Forwarded-For` entry as an address (`1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:80`).
fn forwarded_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The client of a request that reached us from `peer`: read right to left, the first address
/// that is not one of our proxies. An entry that is not an address ends the walk (what is to
/// its left was written by the client, who may write anything): the last trusted hop answers.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    let trusted_hop = |ip: &IpAddr| trusted.iter().any(|t| t.to_canonical() == *ip);
    if !trusted_hop(&peer) {
        return peer;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for entry in entries.into_iter().rev() {
        match forwarded_entry(entry) {
            Some(ip) if trusted_hop(&ip) => client = ip,
            Some(ip) => return ip,
            None => break,
        }
    }
    client
}

/// Resolves the client once per request, before any handler reads it.
pub async fn resolve_client(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = resolve(peer.ip(), request.headers(), &trusted.0);
        request
            .extensions_mut()
            .insert(ResolvedClient(client.to_string()));
    }
    next.run(request).await
}

/// The client's IP address, or `unknown` when the server was not started with connect info.
pub fn client_address(extensions: &Extensions) -> String {
    if let Some(ResolvedClient(client)) = extensions.get::<ResolvedClient>() {
        return client.clone();
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Extracts [`client_address`]; never rejects.
#[derive(Clone, Debug)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(&parts.extensions)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", value.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy];
        // Anyone else's header is ignored: the peer is the client.
        assert_eq!(
            resolve(ip("203.0.113.9"), &xff("1.2.3.4"), &trusted),
            ip("203.0.113.9")
        );
        // Through the proxy: the address it received the request from, not what the client
        // wrote before it (the leftmost entries are the client's own to forge).
        assert_eq!(
            resolve(proxy, &xff("1.2.3.4, 198.51.100.7"), &trusted),
            ip("198.51.100.7")
        );
        // Through two trusted proxies.
        let two = [proxy, ip("10.0.0.3")];
        assert_eq!(
            resolve(proxy, &xff("198.51.100.7, 10.0.0.3"), &two),
            ip("198.51.100.7")
        );
        // No or a garbled header: the proxy itself.
        assert_eq!(resolve(proxy, &HeaderMap::new(), &trusted), proxy);
        assert_eq!(resolve(proxy, &xff("not an address"), &trusted), proxy);
        // Garbage the client wrote left of the real entry does not hide the real client.
        assert_eq!(
            resolve(proxy, &xff("x, 203.0.113.9"), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            resolve(proxy, &xff("unknown, 203.0.113.9:4711"), &trusted),
            ip("203.0.113.9")
        );
        // A proxy seen over IPv6 as a mapped IPv4 address is still the proxy.
        assert_eq!(
            resolve(ip("::ffff:10.0.0.2"), &xff("198.51.100.7"), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            resolve(ip("::ffff:203.0.113.1"), &xff("1.2.3.4"), &trusted),
            ip("203.0.113.1")
        );
    }
}
