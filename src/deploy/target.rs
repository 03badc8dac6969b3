//! Where a deploy goes: `s3://bucket/prefix`, and the endpoint and
//! credentials from the standard `AWS_*` variables.

use super::DeployError;
use std::net::IpAddr;

/// A bucket and the folder inside it that holds the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub bucket: String,
    /// Empty, or a key prefix without leading or trailing `/`.
    pub prefix: String,
}

impl Target {
    /// Reads `s3://BUCKET[/PREFIX]`.
    pub fn parse(text: &str) -> Result<Target, DeployError> {
        let bad = |why: &str| DeployError::Target(format!("{text:?}: {why}"));
        let rest = text
            .trim()
            .strip_prefix("s3://")
            .ok_or_else(|| bad("write it as s3://BUCKET or s3://BUCKET/PREFIX"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        // S3's rules for bucket names, so a typo is caught before any request.
        let bucket_ok = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            && bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
            && bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !bucket_ok {
            return Err(bad(
                "a bucket name has 3–63 lowercase letters, digits, dots and hyphens",
            ));
        }
        let prefix = prefix.trim_matches('/');
        if prefix
            .split('/')
            .any(|part| part == "." || part == ".." || (part.is_empty() && !prefix.is_empty()))
            || prefix.contains(['\\', '?', '#'])
        {
            return Err(bad("the prefix must be a plain folder path"));
        }
        Ok(Target {
            bucket: bucket.to_string(),
            prefix: prefix.to_string(),
        })
    }

    /// The object key of a file at `relative` in the output.
    pub fn key(&self, relative: &str) -> String {
        if self.prefix.is_empty() {
            relative.to_string()
        } else {
            format!("{}/{relative}", self.prefix)
        }
    }

    /// The key relative to the prefix, for a key in the bucket.
    pub fn relative<'k>(&self, key: &'k str) -> Option<&'k str> {
        if self.prefix.is_empty() {
            Some(key)
        } else {
            key.strip_prefix(self.prefix.as_str())?.strip_prefix('/')
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.prefix.is_empty() {
            write!(f, "s3://{}", self.bucket)
        } else {
            write!(f, "s3://{}/{}", self.bucket, self.prefix)
        }
    }
}

/// The server and credentials, read from the environment.
#[derive(Clone)]
pub struct Connection {
    /// `AWS_ENDPOINT_URL`, when not AWS itself.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    pub session_token: Option<String>,
    /// Whether `http://` is used (only ever to a loopback address).
    pub allow_http: bool,
}

// Written by hand so that a `{:?}` anywhere cannot print a secret.
impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// Reads the standard variables through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Connection, DeployError> {
        let nonempty = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let access_key = nonempty("AWS_ACCESS_KEY_ID");
        let secret_key = nonempty("AWS_SECRET_ACCESS_KEY");
        let (Some(access_key), Some(secret_key)) = (access_key, secret_key) else {
            return Err(DeployError::Target(
                "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the bucket's access key".into(),
            ));
        };
        let region = nonempty("AWS_REGION")
            .or_else(|| nonempty("AWS_DEFAULT_REGION"))
            .unwrap_or_else(|| "us-east-1".to_string());
        let endpoint =
            nonempty("AWS_ENDPOINT_URL").map(|e| e.trim().trim_end_matches('/').to_string());
        let allow_http = match &endpoint {
            None => false,
            Some(url) => endpoint_is_plain_http(url)?,
        };
        Ok(Connection {
            endpoint,
            region,
            access_key,
            secret_key,
            session_token: nonempty("AWS_SESSION_TOKEN"),
            allow_http,
        })
    }

    /// The secrets, for scrubbing them out of any message.
    pub fn secrets(&self) -> Vec<&str> {
        let mut secrets = vec![self.secret_key.as_str()];
        secrets.extend(self.session_token.as_deref());
        secrets
    }
}

/// Whether `url` is `http://` (allowed on loopback only) rather than
/// `https://`.
pub fn endpoint_is_plain_http(url: &str) -> Result<bool, DeployError> {
    let bad = |why: &str| DeployError::Target(format!("AWS_ENDPOINT_URL {url:?}: {why}"));
    let (plain, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (false, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (true, rest)
    } else {
        return Err(bad("it must start with https://"));
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(bad("it must name a host, without user or password"));
    }
    if plain && !is_loopback(authority) {
        return Err(bad(
            "plain http:// sends the site and the signed requests unencrypted; it is accepted only for a server on this machine (127.0.0.1, ::1, localhost). Use https://",
        ));
    }
    Ok(plain)
}

/// Whether `host[:port]` names this machine.
fn is_loopback(authority: &str) -> bool {
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        let t = Target::parse("s3://ocop-site").unwrap();
        assert_eq!((t.bucket.as_str(), t.prefix.as_str()), ("ocop-site", ""));
        assert_eq!(t.key("index.html"), "index.html");
        let t = Target::parse("s3://ocop.site/catalogue/2026/").unwrap();
        assert_eq!(t.prefix, "catalogue/2026");
        assert_eq!(t.key("a/b.html"), "catalogue/2026/a/b.html");
        assert_eq!(t.relative("catalogue/2026/a/b.html"), Some("a/b.html"));
        assert_eq!(t.relative("catalogue/2026x/a"), None);
        assert_eq!(t.to_string(), "s3://ocop.site/catalogue/2026");
        for bad in [
            "ocop-site",
            "https://ocop-site",
            "s3://",
            "s3://Ocop",
            "s3://ab",
            "s3://-ocop",
            "s3://ocop/../x",
            "s3://ocop/a//b",
            "s3://ocop_site",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plain_http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:8333",
            "http://localhost:9000/",
            "http://[::1]:8333",
            "http://127.0.0.2",
        ] {
            assert!(endpoint_is_plain_http(ok).unwrap(), "{ok}");
        }
        assert!(!endpoint_is_plain_http("https://s3.example.vn").unwrap());
        for refused in [
            "http://s3.example.vn",
            "http://10.0.0.5:8333",
            "http://127.0.0.1.example.com",
            "http://user:pw@127.0.0.1",
            "ftp://x",
            "s3.example.vn",
        ] {
            assert!(endpoint_is_plain_http(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn connections_need_keys_and_hide_them() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(Connection::from_vars(vars(&[("AWS_ACCESS_KEY_ID", "k")])).is_err());
        let c = Connection::from_vars(vars(&[
            ("AWS_ACCESS_KEY_ID", "k"),
            ("AWS_SECRET_ACCESS_KEY", "SECRETSECRET"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:8333/"),
        ]))
        .unwrap();
        assert_eq!(c.region, "us-east-1");
        assert!(c.allow_http);
        assert_eq!(c.endpoint.as_deref(), Some("http://127.0.0.1:8333"));
        assert!(!format!("{c:?}").contains("SECRETSECRET"));
    }
}
