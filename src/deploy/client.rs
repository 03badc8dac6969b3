//! The only part of ocop that talks to the S3 crate: puts with headers,
//! the manifest's get, a listing for `--verify`, deletes in batches. Every
//! error leaves here as a [`DeployError`] whose text has no secret in it.

use super::DeployError;
use super::headers::Headers;
use super::target::{Connection, Target};
use futures_util::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, GetOptions, ObjectStore, ObjectStoreExt,
    PutOptions, PutPayload, RetryConfig, WriteMultipart,
};
use std::collections::BTreeMap;
use std::time::Duration;

/// Files larger than this go up in parts (S3 takes at most 5 GB in one PUT;
/// parts let a slow link retry a part rather than the whole).
const MULTIPART_FROM: u64 = 64 * 1024 * 1024;
/// The metadata entry holding the MD5 of the stored bytes, which a
/// multipart object's ETag is not.
pub const MD5_METADATA: &str = "md5";

/// One object as a listing shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub size: u64,
    /// The ETag without quotes; `md5-N` for a multipart object.
    pub e_tag: Option<String>,
}

pub struct Client {
    store: AmazonS3,
    target: Target,
    secrets: Vec<String>,
    endpoint: String,
}

/// How long requests are retried. `OCOP_DEPLOY_RETRY_TIMEOUT` (milliseconds)
/// shortens it, for the tests of an unreachable server.
/// Gives the retry policy, the connect timeout and the longest silence
/// allowed while waiting for an answer.
fn retry() -> (RetryConfig, Duration, Duration) {
    let short = std::env::var("OCOP_DEPLOY_RETRY_TIMEOUT")
        .ok()
        .and_then(|ms| ms.parse::<u64>().ok())
        .map(Duration::from_millis);
    let (max_retries, retry_timeout, connect, silence) = match short {
        Some(limit) => (2, limit, limit, limit),
        None => (
            5,
            Duration::from_secs(60),
            Duration::from_secs(10),
            Duration::from_secs(60),
        ),
    };
    let config = RetryConfig {
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(100).min(retry_timeout),
            max_backoff: Duration::from_secs(10),
            base: 2.0,
        },
        max_retries,
        retry_timeout,
    };
    (config, connect, silence)
}

impl Client {
    pub fn new(connection: &Connection, target: &Target) -> Result<Client, DeployError> {
        let (retry, connect_timeout, silence) = retry();
        // A server that accepts a request and never answers (SeaweedFS on a
        // full disk does) fails the request after a minute of silence and
        // is retried, rather than holding the deploy for the five minutes
        // a large file is allowed.
        let options = ClientOptions::new()
            .with_allow_http(connection.allow_http)
            .with_connect_timeout(connect_timeout)
            .with_read_timeout(silence)
            .with_timeout(Duration::from_secs(300));
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&target.bucket)
            .with_region(&connection.region)
            .with_access_key_id(&connection.access_key)
            .with_secret_access_key(&connection.secret_key)
            .with_allow_http(connection.allow_http)
            .with_retry(retry)
            .with_client_options(options);
        if let Some(token) = &connection.session_token {
            builder = builder.with_token(token);
        }
        let endpoint = match &connection.endpoint {
            Some(endpoint) => {
                // S3-compatible servers answer at ENDPOINT/BUCKET/KEY.
                builder = builder
                    .with_endpoint(endpoint)
                    .with_virtual_hosted_style_request(false);
                endpoint.clone()
            }
            None => format!("https://s3.{}.amazonaws.com", connection.region),
        };
        let secrets: Vec<String> = connection.secrets().into_iter().map(String::from).collect();
        let store = builder
            .build()
            .map_err(|e| DeployError::Remote(scrub(&e.to_string(), &secrets)))?;
        Ok(Client {
            store,
            target: target.clone(),
            secrets,
            endpoint,
        })
    }

    fn key(&self, relative: &str) -> Result<Key, DeployError> {
        let key = self.target.key(relative);
        Key::parse(&key).map_err(|e| DeployError::Remote(format!("cannot store {key:?}: {e}")))
    }

    /// Turns a crate error into one that says what to do, without secrets.
    fn error(&self, what: &str, error: &object_store::Error) -> DeployError {
        let text = scrub(&error.to_string(), &self.secrets);
        for code in [
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId",
            "AccessDenied",
        ] {
            if text.contains(code) {
                return DeployError::Credentials {
                    code: code.to_string(),
                    endpoint: self.endpoint.clone(),
                };
            }
        }
        if text.contains("NoSuchBucket") {
            return DeployError::Remote(format!(
                "the bucket {} does not exist at {}",
                self.target.bucket, self.endpoint
            ));
        }
        let unreachable = ["error sending request", "onnect", "dns error", "timed out"];
        if unreachable.iter().any(|t| text.contains(t)) {
            return DeployError::Unreachable {
                endpoint: self.endpoint.clone(),
                detail: text,
            };
        }
        DeployError::Remote(format!("{what}: {text}"))
    }

    /// The object's bytes, or none if there is no such object.
    pub async fn get(&self, relative: &str) -> Result<Option<Vec<u8>>, DeployError> {
        let key = self.key(relative)?;
        match self.store.get(&key).await {
            Ok(result) => match result.bytes().await {
                Ok(bytes) => Ok(Some(bytes.to_vec())),
                Err(e) => Err(self.error(relative, &e)),
            },
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.error(relative, &e)),
        }
    }

    /// Stores `bytes` with `headers`.
    pub async fn put(
        &self,
        relative: &str,
        bytes: Vec<u8>,
        headers: &Headers,
        md5: &str,
    ) -> Result<(), DeployError> {
        let key = self.key(relative)?;
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, headers.content_type.clone().into());
        attributes.insert(
            Attribute::CacheControl,
            headers.cache_control.clone().into(),
        );
        if headers.gzip {
            attributes.insert(Attribute::ContentEncoding, "gzip".into());
        }
        attributes.insert(
            Attribute::Metadata(MD5_METADATA.into()),
            md5.to_string().into(),
        );
        let result = if bytes.len() as u64 >= MULTIPART_FROM {
            let upload = self
                .store
                .put_multipart_opts(&key, attributes.into())
                .await
                .map_err(|e| self.error(relative, &e))?;
            let mut writer = WriteMultipart::new(upload);
            writer.write(&bytes);
            writer.finish().await.map(|_| ())
        } else {
            let options = PutOptions {
                attributes,
                ..PutOptions::default()
            };
            self.store
                .put_opts(&key, PutPayload::from(bytes), options)
                .await
                .map(|_| ())
        };
        result.map_err(|e| self.error(relative, &e))
    }

    /// Stores the manifest, read only by ocop, so never cached.
    pub async fn put_manifest(
        &self,
        manifest: &super::manifest::Manifest,
    ) -> Result<(), DeployError> {
        let bytes = manifest.to_bytes();
        let headers = Headers {
            content_type: "application/json".into(),
            cache_control: "no-store".into(),
            gzip: false,
        };
        let md5 = super::local::md5_hex(&bytes);
        self.put(super::manifest::MANIFEST_KEY, bytes, &headers, &md5)
            .await
    }

    /// Every object under the prefix, by key relative to it.
    pub async fn list(&self) -> Result<BTreeMap<String, Listed>, DeployError> {
        let prefix = if self.target.prefix.is_empty() {
            None
        } else {
            Some(self.key("")?)
        };
        let mut stream = self.store.list(prefix.as_ref());
        let mut listed = BTreeMap::new();
        while let Some(meta) = stream.next().await {
            let meta = meta.map_err(|e| self.error("listing the bucket", &e))?;
            if let Some(relative) = self.target.relative(meta.location.as_ref()) {
                listed.insert(
                    relative.to_string(),
                    Listed {
                        size: meta.size,
                        e_tag: meta.e_tag.map(|t| t.trim_matches('"').to_string()),
                    },
                );
            }
        }
        Ok(listed)
    }

    /// The MD5 ocop stored in an object's metadata.
    pub async fn stored_md5(&self, relative: &str) -> Result<Option<String>, DeployError> {
        let key = self.key(relative)?;
        let options = GetOptions {
            head: true,
            ..GetOptions::default()
        };
        match self.store.get_opts(&key, options).await {
            Ok(result) => Ok(result
                .attributes
                .get(&Attribute::Metadata(MD5_METADATA.into()))
                .map(|v| v.to_string())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.error(relative, &e)),
        }
    }

    /// Deletes the objects, in batches of the server's bulk delete.
    pub async fn delete(&self, relatives: &[String]) -> Result<(), DeployError> {
        let keys = relatives
            .iter()
            .map(|r| self.key(r))
            .collect::<Result<Vec<_>, _>>()?;
        let stream = futures_util::stream::iter(keys.into_iter().map(Ok)).boxed();
        let mut results = self.store.delete_stream(stream);
        while let Some(result) = results.next().await {
            match result {
                Ok(_) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(self.error("deleting", &e)),
            }
        }
        Ok(())
    }
}

/// `text` with every secret replaced: the crate's messages quote URLs and
/// server replies, and a misbehaving server could echo anything.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        text = text.replace(secret.as_str(), "***");
    }
    text
}
