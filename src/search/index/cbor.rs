//! The few CBOR items Pagefind's index files are made of (RFC 8949):
//! integers, text and definite-length arrays, each in its shortest form.

/// A CBOR document being written.
#[derive(Debug, Default)]
pub struct Cbor(pub Vec<u8>);

impl Cbor {
    fn head(&mut self, major: u8, value: u64) {
        let major = major << 5;
        match value {
            0..=23 => self.0.push(major | value as u8),
            24..=0xff => self.0.extend([major | 24, value as u8]),
            0x100..=0xffff => {
                self.0.push(major | 25);
                self.0.extend((value as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.0.push(major | 26);
                self.0.extend((value as u32).to_be_bytes());
            }
            _ => {
                self.0.push(major | 27);
                self.0.extend(value.to_be_bytes());
            }
        }
    }

    pub fn unsigned(&mut self, value: u64) -> &mut Self {
        self.head(0, value);
        self
    }

    pub fn signed(&mut self, value: i64) -> &mut Self {
        if value < 0 {
            self.head(1, (-1 - value) as u64);
        } else {
            self.head(0, value as u64);
        }
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.head(3, text.len() as u64);
        self.0.extend(text.as_bytes());
        self
    }

    /// Starts an array of `len` items, which the caller then writes.
    pub fn array(&mut self, len: usize) -> &mut Self {
        self.head(4, len as u64);
        self
    }

    pub fn signed_array(&mut self, values: &[i32]) -> &mut Self {
        self.array(values.len());
        for &value in values {
            self.signed(value.into());
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_shortest_forms() {
        let mut cbor = Cbor::default();
        cbor.unsigned(23)
            .unsigned(24)
            .unsigned(256)
            .unsigned(70_000)
            .signed(-1)
            .signed(-25)
            .text("ô")
            .array(2);
        assert_eq!(
            cbor.0,
            [
                0x17, 0x18, 24, 0x19, 1, 0, 0x1a, 0, 1, 0x11, 0x70, 0x20, 0x38, 24, 0x62, 0xc3,
                0xb4, 0x82
            ]
        );
    }
}
