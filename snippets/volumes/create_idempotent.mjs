const { randomUUID } = await import("node:crypto");
const { isDeepStrictEqual } = await import("node:util");

const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// A new key for each new volume, written as a quoted string.
const create = {
  method: "POST",
  headers: { ...json, "Idempotency-Key": `"${randomUUID()}"` },
  body: JSON.stringify({ size_gb: 250 }),
};

const first = await fetch(`${BASE_URL}/volumes`, create);
const volume = await first.json();
console.log(first.status, first.headers.get("Location"));
//> 201 /v1/volumes/vol-zuajavqg

// The answer was lost: the same request again, with the same key, answers the same
// volume and creates nothing.
const retry = await fetch(`${BASE_URL}/volumes`, create);
const again = await retry.json();
const same = isDeepStrictEqual(again, volume);
console.log(retry.status, retry.headers.get("Location"), same);
//> 201 /v1/volumes/vol-zuajavqg true
const list = await (await fetch(`${BASE_URL}/volumes`, { headers })).json();
console.log(list.data.filter((v) => v.size_gb === 250).length);
//> 1
