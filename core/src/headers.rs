//! Read-only access to a delivery's headers, whatever shape the host gives them.

/// A delivery's headers.
///
/// `get` receives a header name in ASCII lower case and must match names
/// case-insensitively. Bindings implement it over their native header maps so
/// that nothing is copied. When a name occurs more than once, the first value
/// is used.
pub trait Headers {
    /// The raw value of the header called `name` (ASCII lower case), if present.
    fn get(&self, name: &str) -> Option<&[u8]>;

    /// For bindings that look the headers up themselves, in the order of
    /// [`Webhook::header_lookups`](crate::Webhook::header_lookups): the value
    /// found for entry `index` (`Some(None)` when the header is absent), so
    /// the signature check takes it without matching names. `None`, the
    /// default, means "ask [`Headers::get`] by name". Envelope headers of the
    /// catalogs are always asked by name.
    #[doc(hidden)]
    #[inline]
    fn entry(&self, index: usize) -> Option<Option<&[u8]>> {
        let _ = index;
        None
    }
}

/// Whether the header name `key` is `name` (ASCII lower case), ignoring case.
/// The exact comparison first: most servers hand over lower-case names, and a
/// `memcmp` is a fraction of a case-folding loop.
#[inline]
fn same_name(key: &str, name: &str) -> bool {
    key.len() == name.len() && (key == name || key.eq_ignore_ascii_case(name))
}

impl<T: Headers + ?Sized> Headers for &T {
    fn get(&self, name: &str) -> Option<&[u8]> {
        (**self).get(name)
    }

    #[inline]
    fn entry(&self, index: usize) -> Option<Option<&[u8]>> {
        (**self).entry(index)
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for [(K, V)] {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| same_name(k.as_ref(), name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> Headers for [(K, V); N] {
    fn get(&self, name: &str) -> Option<&[u8]> {
        Headers::get(self.as_slice(), name)
    }
}

#[cfg(feature = "alloc")]
impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for alloc::vec::Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        Headers::get(self.as_slice(), name)
    }
}

#[cfg(feature = "alloc")]
impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for alloc::collections::BTreeMap<K, V> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| same_name(k.as_ref(), name))
            .map(|(_, v)| v.as_ref())
    }
}

#[cfg(feature = "std")]
impl<K: AsRef<str>, V: AsRef<[u8]>, S> Headers for std::collections::HashMap<K, V, S> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| same_name(k.as_ref(), name))
            .map(|(_, v)| v.as_ref())
    }
}
