'use strict';
// IP allow-lists for the framework helpers (UniCraft's docs ask receivers to
// restrict webhook traffic to known addresses, seed 002): exact addresses or
// CIDR ranges, IPv4 and IPv6; IPv4-mapped IPv6 (`::ffff:10.0.0.1`, what a
// dual-stack Node server reports) matches IPv4 entries.

const { argumentError } = require('./errors.cjs');

/** An IPv4 address as 4 bytes, or null. */
function parseIPv4(text) {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return null;
    const n = Number(p);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

/** An IPv6 address as 16 bytes, or null. Zone ids (`%eth0`) are ignored. */
function parseIPv6(text) {
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  let tail = null;
  const lastColon = text.lastIndexOf(':');
  if (lastColon !== -1 && text.indexOf('.', lastColon) !== -1) {
    tail = parseIPv4(text.slice(lastColon + 1));
    if (!tail) return null;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const all = [...head, ...new Array(8 - total).fill('0'), ...rest];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(all[i])) return null;
    const n = parseInt(all[i], 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) as its IPv4 bytes; anything else unchanged. */
function unmap(bytes) {
  if (bytes.length !== 16) return bytes;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return bytes;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return bytes;
  return bytes.slice(12);
}

function parseAddress(text) {
  if (typeof text !== 'string' || text === '') return null;
  const v4 = parseIPv4(text);
  if (v4) return v4;
  const v6 = parseIPv6(text);
  return v6 ? unmap(v6) : null;
}

function parseRange(entry) {
  if (typeof entry !== 'string') throw argumentError(`an allowed IP must be a string such as "203.0.113.7" or "10.0.0.0/8", not ${typeof entry}`);
  const slash = entry.indexOf('/');
  const addrText = slash === -1 ? entry : entry.slice(0, slash);
  const addr = parseAddress(addrText.trim());
  if (!addr) throw argumentError(`not an IP address or CIDR range: ${JSON.stringify(entry)}`);
  const max = addr.length * 8;
  let bits = max;
  if (slash !== -1) {
    const text = entry.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(text)) throw argumentError(`bad prefix length in ${JSON.stringify(entry)}`);
    bits = Number(text);
    // An IPv4-mapped range (::ffff:10.0.0.0/104) becomes the IPv4 range.
    if (addr.length === 4 && addrText.includes(':')) bits -= 96;
    if (bits < 0 || bits > max) throw argumentError(`bad prefix length in ${JSON.stringify(entry)}`);
  }
  return { addr, bits };
}

function inRange(addr, range) {
  if (addr.length !== range.addr.length) return false;
  const full = range.bits >> 3;
  for (let i = 0; i < full; i++) if (addr[i] !== range.addr[i]) return false;
  const rem = range.bits & 7;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (addr[full] & mask) === (range.addr[full] & mask);
}

/**
 * A predicate `(ip: string) => boolean` for a list of addresses and CIDR
 * ranges. Throws a TypeError (code invalid_argument) for a malformed entry,
 * at start-up rather than on the first request.
 */
function createIpAllowList(entries) {
  if (!Array.isArray(entries)) throw argumentError('allowIps must be an array of addresses or CIDR ranges');
  const ranges = entries.map(parseRange);
  return function isAllowed(ip) {
    const addr = parseAddress(typeof ip === 'string' ? ip.trim() : ip);
    if (!addr) return false;
    for (const range of ranges) if (inRange(addr, range)) return true;
    return false;
  };
}

module.exports = { createIpAllowList, parseAddress };
