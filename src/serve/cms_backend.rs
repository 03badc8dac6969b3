//! The editor's local backend: the file-system protocol of `decap-server`
//! (`POST /api/v1` with `{action, params}`), implemented in ocop so that
//! the editor at `/admin/` works on this machine without Node, and the
//! page being edited reloads after each save.
//!
//! Everything it touches is under the site's `content/`: a path that is
//! absolute, has `..`, a hidden part or a backslash is refused, a symbolic
//! link on the way is refused, and files are written whole (temporary file
//! and rename, [`crate::safe_write`]). Entries must be `.md` or `.yaml`
//! files, uploads images in a `photos/` folder. Requests must be JSON
//! from this origin: a page of another site cannot post a simple form or
//! a `no-cors` fetch at it (the server already answers loopback names only).

use super::State;
use axum::body::Body;
use axum::extract::{Request, State as Shared};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Where the editor posts.
pub const API: &str = "/api/v1";
/// The largest request: a photo of about 30 MB once base64-encoded.
const MAX_BODY: usize = 40 << 20;
/// Extensions of entry files.
const ENTRY_EXTENSIONS: [&str; 3] = ["md", "yaml", "yml"];
/// Extensions of uploads.
const MEDIA_EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "webp", "gif"];

/// A refused or failed request: its status and message.
#[derive(Debug)]
pub struct Failure(pub StatusCode, pub String);

fn refused(message: impl Into<String>) -> Failure {
    Failure(StatusCode::UNPROCESSABLE_ENTITY, message.into())
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        let status = match error.kind() {
            std::io::ErrorKind::NotFound => StatusCode::NOT_FOUND,
            std::io::ErrorKind::InvalidInput => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure(status, error.to_string())
    }
}

/// Answers one request of the editor.
pub async fn api(Shared(state): Shared<Arc<State>>, request: Request) -> Response {
    if let Err(Failure(status, message)) = check_headers(request.headers()) {
        return reply(status, &json!({ "error": message }));
    }
    let Ok(body) = axum::body::to_bytes(Body::new(request.into_body()), MAX_BODY).await else {
        return reply(
            StatusCode::PAYLOAD_TOO_LARGE,
            &json!({"error": "request too large"}),
        );
    };
    let root = state.site_root.clone();
    let answer = tokio::task::spawn_blocking(move || handle(&root, &body)).await;
    match answer {
        Ok(Ok(value)) => reply(StatusCode::OK, &value),
        Ok(Err(Failure(status, message))) => reply(status, &json!({ "error": message })),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn reply(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_vec(value).unwrap_or_default(),
    )
        .into_response()
}

/// JSON, and from this server's own pages when the browser says where
/// the request comes from.
fn check_headers(headers: &HeaderMap) -> Result<(), Failure> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().starts_with("application/json"));
    if !json {
        return Err(Failure(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/json only".into(),
        ));
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && host.is_none_or(|host| origin != format!("http://{host}"))
    {
        return Err(Failure(StatusCode::FORBIDDEN, "another origin".into()));
    }
    Ok(())
}

/// A path the editor names, as a path under the site root inside
/// `content/`.
pub fn confine(path: &str) -> Result<PathBuf, Failure> {
    let bad = || refused(format!("{path}: not a path inside content/"));
    if path.is_empty() || path.contains(['\\', '\0']) || path.starts_with('/') {
        return Err(bad());
    }
    let relative = PathBuf::from(path.trim_end_matches('/'));
    let mut parts = 0;
    for component in relative.components() {
        match component {
            Component::Normal(part) if !part.to_string_lossy().starts_with('.') => parts += 1,
            _ => return Err(bad()),
        }
    }
    if !relative.starts_with("content") {
        return Err(bad());
    }
    if parts == 0 {
        return Err(bad());
    }
    Ok(relative)
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn string<'a>(params: &'a Value, key: &str) -> Result<&'a str, Failure> {
    params
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| refused(format!("{key} missing")))
}

fn shown(relative: &Path) -> String {
    relative.to_string_lossy().replace('\\', "/")
}

/// Reads a file under the root, links refused.
fn read(root: &Path, relative: &Path) -> Result<Vec<u8>, Failure> {
    crate::safe_write::refuse_links(root, relative)?;
    let path = root.join(relative);
    if !path.is_file() {
        return Err(Failure(
            StatusCode::NOT_FOUND,
            format!("{} not found", shown(relative)),
        ));
    }
    Ok(std::fs::read(path)?)
}

fn sha256(bytes: &[u8]) -> String {
    crate::cms::bundle::sha256_hex(bytes)
}

/// The files under `folder` ending in `extension`, `depth` levels down at
/// most; links and hidden files are left out.
fn list(root: &Path, folder: &Path, extension: &str, depth: u64) -> Result<Vec<PathBuf>, Failure> {
    crate::safe_write::refuse_links(root, folder)?;
    let mut found = Vec::new();
    let mut pending = vec![(folder.to_path_buf(), depth)];
    while let Some((dir, depth)) = pending.pop() {
        if depth == 0 {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if name.starts_with('.') || kind.is_symlink() {
                continue;
            }
            let relative = dir.join(&name);
            if kind.is_dir() {
                pending.push((relative, depth - 1));
            } else if kind.is_file() && name.ends_with(extension) {
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn entry(root: &Path, relative: &Path, label: Option<&Value>) -> Value {
    let mut file = json!({ "path": shown(relative) });
    if let Some(label) = label {
        file["label"] = label.clone();
    }
    match read(root, relative) {
        Ok(bytes) => {
            file["id"] = Value::from(sha256(&bytes));
            json!({ "data": String::from_utf8_lossy(&bytes), "file": file })
        }
        Err(_) => {
            file["id"] = Value::Null;
            json!({ "data": null, "file": file })
        }
    }
}

fn media_file(root: &Path, relative: &Path) -> Result<Value, Failure> {
    let bytes = read(root, relative)?;
    Ok(json!({
        "id": sha256(&bytes),
        "content": base64::encode(&bytes),
        "encoding": "base64",
        "path": shown(relative),
        "name": relative.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    }))
}

fn write(root: &Path, relative: &Path, bytes: &[u8]) -> Result<(), Failure> {
    crate::safe_write::write_file(root, relative, bytes, crate::safe_write::Mode::Replace)?;
    Ok(())
}

/// An entry file: `.md` or `.yaml` under `content/`.
fn entry_path(path: &str) -> Result<PathBuf, Failure> {
    let relative = confine(path)?;
    if !ENTRY_EXTENSIONS.contains(&extension(&relative).as_str()) {
        return Err(refused(format!("{path}: entries are .md or .yaml files")));
    }
    Ok(relative)
}

/// An upload: an image in a `photos/` folder under `content/`.
fn media_path(path: &str) -> Result<PathBuf, Failure> {
    let relative = confine(path)?;
    let in_photos = relative
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "photos");
    if !in_photos || !MEDIA_EXTENSIONS.contains(&extension(&relative).as_str()) {
        return Err(refused(format!(
            "{path}: uploads are photos (.jpg, .png, .webp, .gif) in a photos/ folder"
        )));
    }
    Ok(relative)
}

fn persist_media(root: &Path, asset: &Value) -> Result<PathBuf, Failure> {
    let relative = media_path(string(asset, "path")?)?;
    if asset.get("encoding").and_then(Value::as_str) != Some("base64") {
        return Err(refused("uploads are base64"));
    }
    let bytes = base64::decode(string(asset, "content")?)
        .ok_or_else(|| refused("content is not base64"))?;
    write(root, &relative, &bytes)?;
    Ok(relative)
}

fn remove(root: &Path, path: &str) -> Result<(), Failure> {
    let relative = confine(path)?;
    crate::safe_write::refuse_links(root, &relative)?;
    match std::fs::remove_file(root.join(&relative)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Answers the request `body` for the site at `root`.
pub fn handle(root: &Path, body: &[u8]) -> Result<Value, Failure> {
    let request: Value = serde_json::from_slice(body)
        .map_err(|e| Failure(StatusCode::BAD_REQUEST, e.to_string()))?;
    let action = request.get("action").and_then(Value::as_str).unwrap_or("");
    let params = request.get("params").cloned().unwrap_or(Value::Null);
    match action {
        "info" => {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "site".into());
            Ok(json!({ "repo": name, "publish_modes": ["simple"], "type": "local_fs" }))
        }
        "entriesByFolder" => {
            let folder = confine(string(&params, "folder")?)?;
            let extension = string(&params, "extension")?;
            let depth = params.get("depth").and_then(Value::as_u64).unwrap_or(1);
            let files = list(root, &folder, extension, depth.min(16))?;
            Ok(Value::Array(
                files.iter().map(|f| entry(root, f, None)).collect(),
            ))
        }
        "entriesByFiles" => {
            let files = params
                .get("files")
                .and_then(Value::as_array)
                .ok_or_else(|| refused("files missing"))?;
            let mut entries = Vec::new();
            for file in files {
                let relative = confine(string(file, "path")?)?;
                entries.push(entry(root, &relative, file.get("label")));
            }
            Ok(Value::Array(entries))
        }
        "getEntry" => Ok(entry(root, &confine(string(&params, "path")?)?, None)),
        "persistEntry" => {
            let mut files: Vec<Value> = params
                .get("dataFiles")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if let Some(entry) = params.get("entry").filter(|e| e.is_object()) {
                files.push(entry.clone());
            }
            // Every path is checked before anything is written.
            let mut writes = Vec::new();
            for file in &files {
                let path = entry_path(string(file, "path")?)?;
                let moved = match file.get("newPath").and_then(Value::as_str) {
                    Some(new) => Some(entry_path(new)?),
                    None => None,
                };
                writes.push((path, moved, string(file, "raw")?.to_string()));
            }
            let assets = params
                .get("assets")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for asset in &assets {
                media_path(string(asset, "path")?)?;
            }
            for asset in &assets {
                persist_media(root, asset)?;
            }
            for (path, moved, raw) in writes {
                match moved {
                    Some(new) => {
                        write(root, &new, raw.as_bytes())?;
                        remove(root, &shown(&path))?;
                    }
                    None => write(root, &path, raw.as_bytes())?,
                }
            }
            Ok(json!({ "message": "entry persisted" }))
        }
        "getMedia" => {
            let folder = confine(string(&params, "mediaFolder")?)?;
            let files = list(root, &folder, "", 1)?;
            let media: Result<Vec<Value>, Failure> = files
                .iter()
                .filter(|f| MEDIA_EXTENSIONS.contains(&extension(f).as_str()))
                .map(|f| media_file(root, f))
                .collect();
            Ok(Value::Array(media?))
        }
        "getMediaFile" => media_file(root, &confine(string(&params, "path")?)?),
        "persistMedia" => {
            let asset = params
                .get("asset")
                .ok_or_else(|| refused("asset missing"))?;
            let relative = persist_media(root, asset)?;
            media_file(root, &relative)
        }
        "deleteFile" => {
            let path = string(&params, "path")?;
            remove(root, path)?;
            Ok(json!({ "message": format!("deleted file {path}") }))
        }
        "deleteFiles" => {
            let paths: Vec<&str> = params
                .get("paths")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for path in &paths {
                confine(path)?;
            }
            for path in &paths {
                remove(root, path)?;
            }
            Ok(json!({ "message": format!("deleted files {}", paths.join(", ")) }))
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err(refused(format!("Unknown action {other}"))),
    }
}

/// The served `admin/config.yml`: the same file with the editor pointed
/// at this server (`local_backend`) in simple publish mode, since the
/// editorial workflow needs branches and pull requests a folder has not.
/// `ocop build` writes the file unchanged.
pub fn served_config(text: &str, origin: &str) -> Option<String> {
    // Edited as text, keeping the file as written; the keys changed are
    // top-level ones, alone on their lines.
    serde_yaml::from_str::<serde_yaml::Mapping>(text).ok()?;
    let mut out: String = text
        .lines()
        .filter(|line| !line.starts_with("publish_mode:") && !line.starts_with("local_backend:"))
        .flat_map(|line| [line, "\n"])
        .collect();
    let url = serde_json::to_string(&format!("{origin}{API}")).ok()?;
    out.push_str(&format!(
        "publish_mode: simple\nlocal_backend:\n  url: {url}\n"
    ));
    Some(out)
}

/// Base64 as the editor sends uploads (standard alphabet, padded).
mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let mut bits = 0u32;
        let mut count = 0;
        for byte in text.bytes() {
            let value = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' | b'\n' | b'\r' => continue,
                _ => return None,
            };
            bits = (bits << 6) | u32::from(value);
            count += 1;
            if count == 4 {
                out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
                bits = 0;
                count = 0;
            }
        }
        match count {
            0 => {}
            2 => out.push((bits >> 4) as u8),
            3 => out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]),
            _ => return None,
        }
        Some(out)
    }
}

#[cfg(test)]
#[path = "cms_backend_tests.rs"]
mod tests;
