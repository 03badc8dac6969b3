//! Options a site controls beyond its content: its theme, overrides of the
//! default theme, its own reference data, its base URL.

use crate::common::{base_site, build, text, write};

#[test]
fn a_named_theme_replaces_templates_and_falls_back_to_the_default() {
    let (_dir, root) = base_site();
    let site = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    write(
        &root.join("content/site.yaml"),
        format!("{site}theme: rieng\n"),
    );
    write(
        &root.join("themes/rieng/templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Trang riêng của tỉnh</p>{% endblock content %}",
    );
    write(
        &root.join("themes/rieng/static/style.css"),
        "body { color: teal; }\n",
    );
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    assert!(
        std::fs::read_to_string(output.join("404.html"))
            .unwrap()
            .contains("Trang riêng của tỉnh")
    );
    assert!(
        output
            .join("san-pham/hai-son/banh-pia/index.html")
            .is_file(),
        "other templates come from the default"
    );
    let css: Vec<_> = std::fs::read_dir(output.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("style."))
        })
        .collect();
    assert_eq!(css.len(), 1);
    // The site's own stylesheet, minified as every theme's is.
    assert_eq!(
        std::fs::read_to_string(&css[0]).unwrap(),
        "body{color:teal;}"
    );
}

#[test]
fn a_site_overrides_single_files_of_the_default_theme() {
    let (_dir, root) = base_site();
    write(
        &root.join("themes/default/templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Không thấy</p>{% endblock content %}",
    );
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    assert!(
        std::fs::read_to_string(output.join("404.html"))
            .unwrap()
            .contains("Không thấy")
    );
}

#[test]
fn an_unknown_theme_is_a_content_error() {
    let (_dir, root) = base_site();
    let site = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    write(
        &root.join("content/site.yaml"),
        format!("{site}theme: khong-co\n"),
    );
    let result = build(&root, &root.join("public"), &[]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("there is no theme \"khong-co\""),
        "{stderr}"
    );
    assert!(!root.join("public").exists());
}

#[test]
fn a_broken_template_fails_without_touching_the_output() {
    let (_dir, root) = base_site();
    let output = root.join("public");
    assert!(build(&root, &output, &[]).status.success());
    let before = crate::common::snapshot(&output);
    write(
        &root.join("themes/default/templates/product.html"),
        "{% extends \"base.html\" %}{% block content %}{{ product.nope }}{% endblock content %}",
    );
    let result = build(&root, &output, &[]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("product.html"),
        "names the template: {stderr}"
    );
    assert_eq!(crate::common::snapshot(&output), before);
}

#[test]
fn a_link_to_a_page_the_build_does_not_make_fails_the_build() {
    let (_dir, root) = base_site();
    let output = root.join("public");
    assert!(build(&root, &output, &[]).status.success());
    let before = crate::common::snapshot(&output);
    // Hà Nội has no product in this site, so it has no page.
    assert!(!output.join("tinh/ha-noi").exists());
    write(
        &root.join("themes/default/templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.base_path }}tinh/ha-noi/\">Hà Nội</a>{% endblock content %}",
    );
    let result = build(&root, &output, &[]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("404.html links to /tinh/ha-noi/"),
        "names the page and the link: {stderr}"
    );
    assert_eq!(crate::common::snapshot(&output), before);
}

#[test]
fn a_site_can_bring_its_own_reference_data() {
    let (_dir, root) = base_site();
    write(
        &root.join("content/reference/provinces.yaml"),
        "units:\n  - {code: '92', name: Cần Thơ, full_name: Thành phố Cần Thơ, short_name: TP. Cần Thơ, former: [{name: Sóc Trăng}]}\n  - {code: '86', name: Vĩnh Long, full_name: Tỉnh Vĩnh Long, short_name: Vĩnh Long}\n",
    );
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let provinces: Vec<String> = std::fs::read_dir(output.join("tinh"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    assert_eq!(provinces.len(), 2, "{provinces:?}");
}

#[test]
fn refuses_an_output_folder_it_did_not_make() {
    let (_dir, root) = base_site();
    let output = root.join("my-files");
    write(&output.join("thesis.docx"), "important");
    let result = build(&root, &output, &[]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(output.join("thesis.docx")).unwrap(),
        "important"
    );
    for refused in [".", "content"] {
        let result = build(&root, &root.join(refused), &[]);
        assert_eq!(result.status.code(), Some(2), "--output {refused}");
    }
    assert!(root.join("content/site.yaml").is_file());
}

#[test]
fn hostile_text_never_reaches_a_page_as_markup() {
    let (_dir, root) = base_site();
    write(
        &root.join("content/producers/hai-son/products/banh-pia.yaml"),
        "name: \"<script>alert('name')</script> Bánh pía\"\ncategory: I.3.b\nstars: 4\nunit: \"<img src=x onerror=alert(1)>\"\ndescription: |\n  Ngon <script>alert('desc')</script> lắm.\n\n  <iframe src=\"https://evil.example\"></iframe>\n\n  [bấm](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) ![x](https://evil.example/x.png)\n\n  <a href=\"#\" onclick=\"alert(1)\">x</a>\n",
    );
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let (_, stderr) = text(&result);
    assert!(
        stderr.contains("the link \"javascript:alert(1)\" is unsafe"),
        "{stderr}"
    );
    assert!(stderr.contains("is on another site"), "{stderr}");
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let document = scraper::Html::parse_document(&html);
        for node in document.tree.nodes() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            let page = entry.path().display();
            // Structured data is the one script a page carries: JSON, never
            // run, and escaped so that no text can close it early.
            if element.name() == "script" && element.attr("type") == Some("application/ld+json") {
                let json: String = scraper::ElementRef::wrap(node).unwrap().text().collect();
                assert!(!json.contains('<'), "{page}: < in JSON-LD");
                serde_json::from_str::<serde_json::Value>(&json)
                    .unwrap_or_else(|e| panic!("{page}: JSON-LD does not parse: {e}"));
                continue;
            }
            // The theme's own scripts, loaded from the site's assets.
            if element.name() == "script"
                && element
                    .attr("src")
                    .is_some_and(|src| src.contains("/assets/"))
                && node.children().next().is_none()
            {
                continue;
            }
            assert!(
                !["script", "iframe", "object", "embed"].contains(&element.name()),
                "{page}: <{}>",
                element.name()
            );
            for (name, value) in element.attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{page}: event handler {name}={value}"
                );
                let value = value.trim().to_lowercase();
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("data:"),
                    "{page}: {name}={value}"
                );
                if name == "src" {
                    assert!(!value.starts_with("http"), "{page}: loads {value}");
                }
            }
        }
    }
    let page =
        std::fs::read_to_string(output.join("san-pham/hai-son/banh-pia/index.html")).unwrap();
    assert!(page.contains("&lt;script&gt;alert("), "shown as text");
}
