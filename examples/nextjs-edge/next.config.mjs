// Nothing special: `hookseal` resolves to its WebAssembly build through the
// package's `edge-light` export condition, and Next.js bundles the .wasm.
export default {};
