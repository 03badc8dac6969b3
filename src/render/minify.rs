//! Theme stylesheets and scripts as they are published: without comments
//! and spaces, which phones would otherwise download on every first
//! visit. Done with `minifier`, the crate rustdoc minifies its own files
//! with.

/// `bytes` of the theme file `name`, minified when it is CSS or
/// JavaScript and the minifier reads it; anything else as it is.
pub fn minified(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    let smaller = if name.ends_with(".css") {
        minifier::css::minify(text).ok().map(|m| m.to_string())
    } else if name.ends_with(".js") || name.ends_with(".mjs") {
        minifier::js::minify(text).ok().map(|m| m.to_string())
    } else {
        None
    };
    match smaller.as_deref().map(str::trim) {
        Some(smaller) if smaller.len() < bytes.len() => smaller.as_bytes().to_vec(),
        _ => bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::minified;

    #[test]
    fn drops_comments_and_spaces_from_styles_and_scripts() {
        let css = b"/* why */\n.a {\n  color: red;\n}\n".to_vec();
        assert_eq!(minified("style.css", css), b".a{color:red;}".to_vec());
        let js = b"// why\nconst a = 1;\nconsole.log(a);\n".to_vec();
        let out = String::from_utf8(minified("x.js", js)).expect("utf-8");
        assert!(
            !out.contains("why") && out.contains("console.log(a)"),
            "{out}"
        );
    }

    #[test]
    fn keeps_other_files_as_they_are() {
        let svg = b"<svg>  <!-- c --> </svg>".to_vec();
        assert_eq!(minified("x.svg", svg.clone()), svg);
        let broken = vec![0xff, 0xfe];
        assert_eq!(minified("x.css", broken.clone()), broken);
    }
}
