//! A bounded memory of accepted deliveries, to refuse replays.

use alloc::collections::{BTreeMap, VecDeque};

use sha2::{Digest, Sha256};

/// Remembers accepted deliveries for `ttl` seconds, at most `capacity` of
/// them (the oldest is forgotten first), keyed by a SHA-256 of the provider
/// and the delivery id — or of the signature header when the provider sends
/// no id. Memory stays bounded whatever arrives.
#[derive(Debug, Clone)]
pub struct ReplayGuard {
    capacity: usize,
    ttl: u64,
    seen: BTreeMap<[u8; 32], u64>,
    order: VecDeque<([u8; 32], u64)>,
}

impl ReplayGuard {
    /// A guard holding at most `capacity` deliveries for `ttl` seconds each.
    pub fn new(capacity: usize, ttl: u64) -> Self {
        ReplayGuard {
            capacity: capacity.max(1),
            ttl,
            seen: BTreeMap::new(),
            order: VecDeque::new(),
        }
    }

    /// How many deliveries are remembered now.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// The key a delivery is remembered by.
    pub fn key(provider: &str, id: Option<&[u8]>, signature: &[u8]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(provider.as_bytes());
        match id {
            Some(id) => {
                h.update(b"\0id\0");
                h.update(id);
            }
            None => {
                h.update(b"\0sig\0");
                h.update(signature);
            }
        }
        h.finalize().into()
    }

    /// Records `key` at `now`; returns `false` if it was already seen and has
    /// not expired.
    pub fn check_and_remember(&mut self, key: [u8; 32], now: u64) -> bool {
        while let Some(&(old, expires)) = self.order.front() {
            if expires > now && self.order.len() < self.capacity {
                break;
            }
            self.order.pop_front();
            if self.seen.get(&old) == Some(&expires) {
                self.seen.remove(&old);
            }
        }
        if let Some(&expires) = self.seen.get(&key) {
            if expires > now {
                return false;
            }
        }
        let expires = now.saturating_add(self.ttl);
        self.seen.insert(key, expires);
        self.order.push_back((key, expires));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_second_delivery_until_it_expires() {
        let mut g = ReplayGuard::new(10, 60);
        let k = ReplayGuard::key("stripe", Some(b"evt_1"), b"");
        assert!(g.check_and_remember(k, 1000));
        assert!(!g.check_and_remember(k, 1059));
        assert!(g.check_and_remember(k, 1060));
    }

    #[test]
    fn never_grows_past_capacity() {
        let mut g = ReplayGuard::new(100, 1_000_000);
        for i in 0u32..10_000 {
            assert!(g.check_and_remember(ReplayGuard::key("github", None, &i.to_le_bytes()), 5));
            assert!(g.len() <= 100 && g.order.len() <= 100);
        }
        // The oldest were forgotten, the newest are remembered.
        assert!(g.check_and_remember(ReplayGuard::key("github", None, &0u32.to_le_bytes()), 5));
        assert!(!g.check_and_remember(ReplayGuard::key("github", None, &9_999u32.to_le_bytes()), 5));
    }
}
