const { isDeepStrictEqual } = await import("node:util");

const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// Sending ws-12345 the name it already has (dev-box, read here) changes nothing.
const url = `${BASE_URL}/workstations/ws-12345`;
const before = await (await fetch(url, { headers })).json();
const rename = (name) =>
  fetch(url, { method: "PATCH", headers: json, body: JSON.stringify({ name }) });
const again = await rename(before.name);
const same = await again.json();
console.log(again.status, isDeepStrictEqual(same, before));
//> 200 true
console.log(same.updated_at);
//> 2026-01-09T17:45:00Z

// A new value moves updated_at.
const renamed = await rename("dev-box-2");
console.log((await renamed.json()).updated_at);
//> 2026-02-01T12:00:00Z
