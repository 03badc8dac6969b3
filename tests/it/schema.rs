//! `ocop schema`: the JSON Schemas written for editors, checked with an
//! independent validator (the `jsonschema` crate) against the bundled
//! example content, which must pass, and broken files, which must not.

use crate::common::{ocop, repo, text};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn schemas() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schema");
    let output = ocop(&[
        "schema",
        "--root",
        repo().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stdout}{stderr}");
    for name in ["producer", "product", "site"] {
        assert!(stdout.contains(&format!("{name}.schema.json")), "{stdout}");
    }
    (dir, out)
}

fn validator(dir: &Path, name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(dir.join(format!("{name}.schema.json"))).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The YAML fields of a content file as JSON: the whole file, or the front
/// matter of a Markdown file.
fn fields(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").unwrap();
        &rest[..rest.find("\n---").unwrap()]
    } else {
        text.as_str()
    };
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_example_content_validates_against_the_schemas() {
    let (_dir, out) = schemas();
    let producer = validator(&out, "producer");
    let product = validator(&out, "product");
    let site = validator(&out, "site");
    let content = repo().join("content");
    assert_eq!(
        errors(&site, &fields(&content.join("site.yaml"))),
        Vec::<String>::new()
    );
    let mut checked = (0, 0);
    for entry in std::fs::read_dir(content.join("producers")).unwrap() {
        let folder = entry.unwrap().path();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("producer.") {
                let problems = errors(&producer, &fields(&path));
                assert!(problems.is_empty(), "{}: {problems:?}", path.display());
                checked.0 += 1;
            }
        }
        let Ok(products) = std::fs::read_dir(folder.join("products")) else {
            continue;
        };
        for entry in products {
            let path = entry.unwrap().path();
            let problems = errors(&product, &fields(&path));
            assert!(problems.is_empty(), "{}: {problems:?}", path.display());
            checked.1 += 1;
        }
    }
    assert!(checked.0 >= 12 && checked.1 >= 40, "{checked:?}");
}

#[test]
fn broken_files_fail_validation() {
    let (_dir, out) = schemas();
    let product = validator(&out, "product");
    let producer = validator(&out, "producer");
    let valid: Value = serde_yaml::from_str(
        "name: Nước mắm\ncategory: I.4.a\nstars: \"4 sao\"\nprice: \"150.000 đ\"\ncertificate:\n  date: 15/03/2024\nphotos:\n  - a.jpg\n  - {src: b.jpg, alt: Chai}\nlinks: [https://example.vn]\n",
    )
    .unwrap();
    assert_eq!(errors(&product, &valid), Vec::<String>::new());
    for broken in [
        "name: X\ncategory: I.4.a\nstars: 6\n",
        "name: X\ncategory: I.4.a\n",
        "name: X\ncategory: I.4.a\nstars: 4\nprise: 1000\n",
        "name: X\ncategory: I.4.a\nstars: 4\nprice: \"150,5\"\n",
        "name: X\ncategory: I.4.a\nstars: 4\ncertificate:\n  decision: 1/QĐ\n",
        "name: X\ncategory: I.4.a\nstars: 4\ncertificate:\n  date: hôm qua\n",
        "name: X\ncategory: I.4.a\nstars: 4\nphotos:\n  - alt: no source\n",
        "name: X\ncategory: I.4.a\nstars: 4\nlinks: [\"javascript:alert(1)\"]\n",
        "name: X\ncategory: I.4.a\nstars: 4\npotential_5_star: có\n",
    ] {
        let instance: Value = serde_yaml::from_str(broken).unwrap();
        assert!(!product.is_valid(&instance), "accepted:\n{broken}");
    }
    for broken in [
        "name: X\n",
        "name: X\nprovince: Huế\nkind: hop tac\n",
        "name: X\nprovince: Huế\nwebsite: example.vn\n",
        "name: X\nprovince: Huế\nemial: a@b.vn\n",
    ] {
        let instance: Value = serde_yaml::from_str(broken).unwrap();
        assert!(!producer.is_valid(&instance), "accepted:\n{broken}");
    }
}

#[test]
fn schemas_help_editors_complete_values() {
    let (_dir, out) = schemas();
    let text = std::fs::read_to_string(out.join("producer.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let province = &schema["properties"]["province"];
    let examples = province["examples"].as_array().unwrap();
    assert!(examples.iter().any(|e| e == "Cần Thơ"));
    assert!(province.get("enum").is_none(), "loose spellings stay valid");
    assert!(
        province["description"]
            .as_str()
            .unwrap()
            .contains("Tỉnh, thành phố")
    );
    let text = std::fs::read_to_string(out.join("product.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let categories = schema["properties"]["category"]["examples"]
        .as_array()
        .unwrap();
    assert!(categories.iter().any(|e| e == "I.4.a"));
}

#[test]
fn the_default_folder_is_where_scaffolds_point() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let output = ocop(&["schema", "--root", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{:?}", text(&output));
    assert!(
        dir.path()
            .join(".ocop/schema/product.schema.json")
            .is_file()
    );
}
