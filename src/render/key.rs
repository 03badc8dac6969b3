//! Keys of what pages are rendered from: a hash of a value's serde form,
//! fed to the hasher as tagged bytes. Hashing a value's JSON spent most
//! of its time escaping strings, which a hash does not need.

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// A hash of what `value` serializes to.
pub(super) fn serialized_key(value: &(impl Serialize + ?Sized)) -> u128 {
    let mut hash = Xxh3::new();
    feed(&mut hash, value);
    hash.digest128()
}

/// Feeds what `value` serializes to into `hash`.
pub(super) fn feed(hash: &mut Xxh3, value: &(impl Serialize + ?Sized)) {
    // Only a value's own `Serialize` can fail; its failure then marks the
    // hash, and the same value fails the same way.
    if value.serialize(&mut KeyFeeder(hash)).is_err() {
        hash.update(&[Tag::Failed as u8]);
    }
}

/// What each piece of the stream is, so that different values never feed
/// the same bytes: every value starts with its tag, every string with its
/// length, every sequence, map and struct ends with [`Tag::End`].
#[repr(u8)]
enum Tag {
    Bool = 1,
    Int,
    Uint,
    Float,
    Char,
    Str,
    Bytes,
    None,
    Some,
    Unit,
    Variant,
    Seq,
    Map,
    Struct,
    Skipped,
    End,
    Failed,
}

struct KeyFeeder<'a>(&'a mut Xxh3);

impl KeyFeeder<'_> {
    fn tag(&mut self, tag: Tag) {
        self.0.update(&[tag as u8]);
    }

    fn text(&mut self, text: &[u8]) {
        self.0.update(&(text.len() as u64).to_le_bytes());
        self.0.update(text);
    }

    fn variant(&mut self, index: u32) {
        self.tag(Tag::Variant);
        self.0.update(&index.to_le_bytes());
    }
}

/// Never made by the feeder itself; carries a value's own failure.
#[derive(Debug)]
struct KeyError;

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value cannot be serialized")
    }
}

impl std::error::Error for KeyError {}

impl ser::Error for KeyError {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        KeyError
    }
}

type Done = Result<(), KeyError>;

/// Numbers fed as a wider type: a value's key does not depend on the
/// width its type gives it.
macro_rules! widened {
    ($($method:ident($narrow:ty) => $wide:ident),*) => {$(
        fn $method(self, v: $narrow) -> Done {
            self.$wide(v.into())
        }
    )*};
}

/// Numbers fed as their tag and little-endian bytes.
macro_rules! tagged {
    ($($method:ident($number:ty) => $tag:ident),*) => {$(
        fn $method(self, v: $number) -> Done {
            self.tag(Tag::$tag);
            self.0.update(&v.to_le_bytes());
            Ok(())
        }
    )*};
}

impl<'a, 'h> ser::Serializer for &'a mut KeyFeeder<'h> {
    type Ok = ();
    type Error = KeyError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(Tag::Bool);
        self.0.update(&[u8::from(v)]);
        Ok(())
    }
    widened!(
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64,
        serialize_f32(f32) => serialize_f64
    );
    tagged!(
        serialize_i64(i64) => Int,
        serialize_i128(i128) => Int,
        serialize_u64(u64) => Uint,
        serialize_u128(u128) => Uint
    );
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(Tag::Float);
        self.0.update(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.tag(Tag::Char);
        self.0.update(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.tag(Tag::Str);
        self.text(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.tag(Tag::Bytes);
        self.text(v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(Tag::None);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Done {
        self.tag(Tag::Some);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Done {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, KeyError> {
        self.tag(Tag::Seq);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, KeyError> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, KeyError> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, KeyError> {
        self.variant(index);
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, KeyError> {
        self.tag(Tag::Map);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, KeyError> {
        self.tag(Tag::Struct);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, KeyError> {
        self.variant(index);
        self.serialize_struct("", 0)
    }
}

/// Sequences, tuples and their kinds: each element in turn, then the end.
macro_rules! elements {
    ($($kind:ident :: $add:ident),*) => {$(
        impl ser::$kind for &mut KeyFeeder<'_> {
            type Ok = ();
            type Error = KeyError;
            fn $add<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut KeyFeeder<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(Tag::End);
        Ok(())
    }
}

/// Structs and struct variants: each field by name, skipped ones too.
macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for &mut KeyFeeder<'_> {
            type Ok = ();
            type Error = KeyError;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Done {
                self.text(key.as_bytes());
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, key: &'static str) -> Done {
                self.tag(Tag::Skipped);
                self.text(key.as_bytes());
                Ok(())
            }
            fn end(self) -> Done {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Card {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        price: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        tags: Vec<String>,
    }

    fn card(name: &str, price: Option<&str>, unit: Option<&str>, tags: &[&str]) -> u128 {
        serialized_key(&Card {
            name: name.into(),
            price: price.map(String::from),
            unit: unit.map(String::from),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        })
    }

    #[test]
    fn equal_values_have_equal_keys() {
        assert_eq!(
            card("Mắm", Some("1"), None, &["a"]),
            card("Mắm", Some("1"), None, &["a"])
        );
    }

    #[test]
    fn values_that_differ_anywhere_have_different_keys() {
        let keys = [
            card("Mắm", Some("1"), None, &["a"]),
            card("Mắm", None, Some("1"), &["a"]),
            card("Mắm", None, None, &["a"]),
            card("Mắm", Some("1"), None, &[]),
            card("Mắm", Some("1"), None, &["", "a"]),
            card("Mắm", Some("1"), None, &["a", ""]),
            card("Mắm1", None, None, &["a"]),
            card("Mắ", Some("m1"), None, &["a"]),
            card("Mam", Some("1"), None, &["a"]),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // Strings side by side, numbers and text, nesting.
        assert_ne!(serialized_key(&("ab", "c")), serialized_key(&("a", "bc")));
        assert_ne!(serialized_key(&1u32), serialized_key(&"1"));
        assert_ne!(serialized_key(&1u32), serialized_key(&1i32));
        assert_ne!(
            serialized_key(&vec![vec![1], vec![]]),
            serialized_key(&vec![vec![], vec![1]])
        );
        let map = |pairs: &[(&str, &str)]| {
            serialized_key(&pairs.iter().copied().collect::<BTreeMap<_, _>>())
        };
        assert_ne!(map(&[("a", "b")]), map(&[("ab", "")]));
        assert_ne!(
            map(&[("a", "b"), ("c", "d")]),
            map(&[("a", "bc"), ("", "d")])
        );
    }

    #[test]
    fn tera_values_hash_like_the_views_they_come_from() {
        let view = Card {
            name: "Chè".into(),
            price: None,
            unit: Some("hộp".into()),
            tags: vec!["x".into()],
        };
        let value = tera::Value::from_serializable(&view);
        // Not equal keys (a struct and a map differ), but stable ones.
        assert_eq!(serialized_key(&value), serialized_key(&value.clone()));
        assert_ne!(
            serialized_key(&value),
            serialized_key(&tera::Value::from_serializable(&Card {
                unit: Some("gói".into()),
                ..view
            }))
        );
    }
}
