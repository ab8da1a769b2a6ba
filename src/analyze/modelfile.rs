//! Reading the little-endian binary files polsearch ships in `models/` (the topic model and
//! the word clusters): a cursor that reports a short file instead of panicking.

/// A cursor over the bytes of a model file.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Start at the beginning, after checking the file begins with `magic`.
    pub fn open(bytes: &'a [u8], magic: &[u8]) -> Result<Reader<'a>, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(magic.len())? != magic {
            return Err("bad magic".into());
        }
        Ok(r)
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or("file too short")?;
        self.at += n;
        Ok(s)
    }

    /// The next little-endian u16.
    pub fn u16(&mut self) -> Result<u16, String> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }

    /// The next little-endian u32.
    pub fn u32(&mut self) -> Result<u32, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    /// The next little-endian u64.
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from(self.u32()?) | u64::from(self.u32()?) << 32)
    }

    /// The next little-endian f32.
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
}
