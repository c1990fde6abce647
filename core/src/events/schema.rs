//! The shapes of the generated catalog tables (see docs/CATALOGS.md).

/// Where a normalized field comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    None,
    /// A dotted path into the JSON body.
    Field(&'static str),
    /// A delivery header: its lower-case name, and its spelling for messages.
    Header(&'static str, &'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TsFormat {
    Rfc3339,
    Unix,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Ty {
    String,
    Number,
    Integer,
    #[allow(dead_code)] // no catalog uses it yet
    Boolean,
    /// An object, with the fields to check inside it (none: any object).
    Object(&'static [Field]),
    Array(Option<&'static Spec>),
    Any,
    Uuid,
    Datetime,
    Unix,
    Enum(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub(crate) ty: Ty,
    pub(crate) optional: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub(crate) name: &'static str,
    pub(crate) spec: Spec,
}

#[derive(Debug)]
pub(crate) struct Envelope {
    pub(crate) id: Source,
    pub(crate) ty: Source,
    pub(crate) timestamp: Source,
    pub(crate) ts_format: TsFormat,
    pub(crate) data: Source,
    pub(crate) fallback_root: bool,
    pub(crate) fields: &'static [Field],
}

#[derive(Debug)]
pub(crate) struct EventSpec {
    pub(crate) name: &'static str,
    pub(crate) fields: &'static [Field],
}

#[derive(Debug)]
pub(crate) struct Catalog {
    pub(crate) provider: &'static str,
    /// No catalog of event types: every type is accepted, `strict` changes nothing.
    pub(crate) open: bool,
    pub(crate) envelope: Envelope,
    /// Sorted by name.
    pub(crate) events: &'static [EventSpec],
}

impl Catalog {
    pub(crate) fn event(&self, name: &str) -> Option<&'static EventSpec> {
        self.events
            .binary_search_by(|e| e.name.cmp(name))
            .ok()
            .map(|i| &self.events[i])
    }
}
