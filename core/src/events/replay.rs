//! A bounded memory of accepted deliveries, to refuse replays.

use alloc::collections::VecDeque;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};

/// Remembers accepted deliveries for `ttl` seconds, at most `capacity` of
/// them (the oldest is forgotten first), keyed by a SHA-256 of the provider
/// and the delivery id — or of the signature header when the provider sends
/// no id. Memory stays bounded whatever arrives.
#[derive(Debug, Clone)]
pub struct ReplayGuard {
    capacity: usize,
    ttl: u64,
    seen: Seen,
    order: VecDeque<([u8; 32], u64)>,
}

impl ReplayGuard {
    /// A guard holding at most `capacity` deliveries for `ttl` seconds each.
    pub fn new(capacity: usize, ttl: u64) -> Self {
        ReplayGuard {
            capacity: capacity.max(1),
            ttl,
            seen: Seen::default(),
            order: VecDeque::new(),
        }
    }

    /// How many deliveries are remembered now.
    pub fn len(&self) -> usize {
        self.seen.len
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.len == 0
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
            if self.seen.get(&old) == Some(expires) {
                self.seen.remove(&old);
            }
        }
        if let Some(expires) = self.seen.get(&key) {
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

/// A [`ReplayGuard`] as a `Webhook` holds it: shared by the verifier's
/// clones, behind `std`'s mutex, or without `std` (the WebAssembly build) a
/// spin lock (its critical section is one `check_and_remember`).
#[derive(Clone)]
pub(crate) struct SharedGuard(alloc::sync::Arc<Lock>);

#[cfg(feature = "std")]
type Lock = std::sync::Mutex<ReplayGuard>;
#[cfg(not(feature = "std"))]
type Lock = spin::mutex::SpinMutex<ReplayGuard>;

impl SharedGuard {
    pub(crate) fn new(guard: ReplayGuard) -> Self {
        SharedGuard(alloc::sync::Arc::new(Lock::new(guard)))
    }

    /// [`ReplayGuard::check_and_remember`] under the lock (a panic while it
    /// was held leaves the table consistent: nothing there can panic midway).
    pub(crate) fn check_and_remember(&self, key: [u8; 32], now: u64) -> bool {
        #[cfg(feature = "std")]
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        #[cfg(not(feature = "std"))]
        let mut guard = self.0.lock();
        guard.check_and_remember(key, now)
    }
}

/// The remembered keys and when each expires: an open-addressing hash table
/// with linear probing and backward-shift deletion (the keys are SHA-256
/// digests, so their first bytes are already uniform). Smaller code than a
/// `BTreeMap` in the WebAssembly build, and O(1) per delivery.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// `None`: an empty slot. The length is 0 or a power of two.
    slots: Vec<Option<([u8; 32], u64)>>,
    len: usize,
}

impl Seen {
    fn home(&self, key: &[u8; 32]) -> usize {
        let mut first = [0u8; 8];
        first.copy_from_slice(&key[..8]);
        #[allow(clippy::cast_possible_truncation)]
        let h = u64::from_le_bytes(first) as usize;
        h & (self.slots.len() - 1)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn find(&self, key: &[u8; 32]) -> (usize, bool) {
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            match &self.slots[at] {
                None => return (at, false),
                Some((k, _)) if k == key => return (at, true),
                Some(_) => at = (at + 1) & mask,
            }
        }
    }

    fn get(&self, key: &[u8; 32]) -> Option<u64> {
        if self.len == 0 {
            return None;
        }
        match self.find(key) {
            (at, true) => self.slots[at].map(|(_, e)| e),
            _ => None,
        }
    }

    fn insert(&mut self, key: [u8; 32], expires: u64) {
        if (self.len + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(16);
            let old = core::mem::replace(&mut self.slots, alloc::vec![None; size]);
            self.len = 0;
            for (k, e) in old.into_iter().flatten() {
                self.insert(k, e);
            }
        }
        let (at, found) = self.find(&key);
        if !found {
            self.len += 1;
        }
        self.slots[at] = Some((key, expires));
    }

    fn remove(&mut self, key: &[u8; 32]) {
        if self.len == 0 {
            return;
        }
        let (mut hole, true) = self.find(key) else {
            return;
        };
        let mask = self.slots.len() - 1;
        let mut at = hole;
        loop {
            at = (at + 1) & mask;
            let Some((k, _)) = &self.slots[at] else {
                break;
            };
            // Move the entry back into the hole unless its home lies
            // cyclically in (hole, at].
            let home = self.home(k);
            let stays = if hole <= at {
                hole < home && home <= at
            } else {
                hole < home || home <= at
            };
            if !stays {
                self.slots[hole] = self.slots[at].take();
                hole = at;
            }
        }
        self.slots[hole] = None;
        self.len -= 1;
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

    /// The lock a `Webhook` holds (std's mutex, or without `std` the spin
    /// lock): clones share one memory.
    #[test]
    fn shared_guard_is_shared_by_clones() {
        let a = SharedGuard::new(ReplayGuard::new(10, 60));
        let b = a.clone();
        let k = ReplayGuard::key("github", Some(b"d1"), b"");
        assert!(a.check_and_remember(k, 1000));
        assert!(!b.check_and_remember(k, 1001));
        assert!(!a.check_and_remember(k, 1002));
    }

    /// The table against a `BTreeMap` model, with many collisions (a tiny
    /// key space) and removals.
    #[test]
    fn seen_table_matches_a_map() {
        let mut model = alloc::collections::BTreeMap::new();
        let mut t = Seen::default();
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for step in 0u64..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut key = [0u8; 32];
            // Few distinct keys whose first bytes collide a lot.
            key[0] = (x % 7) as u8 * 16;
            key[9] = (x >> 8) as u8 % 40;
            match x % 3 {
                0 => {
                    model.insert(key, step);
                    t.insert(key, step);
                }
                1 => {
                    model.remove(&key);
                    t.remove(&key);
                }
                _ => {}
            }
            assert_eq!(t.get(&key), model.get(&key).copied());
            assert_eq!(t.len, model.len());
        }
        for (k, v) in &model {
            assert_eq!(t.get(k), Some(*v));
        }
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
