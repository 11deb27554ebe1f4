const { randomUUID } = await import("node:crypto");
const { isDeepStrictEqual } = await import("node:util");

const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// A new key for each new workstation, written as a quoted string.
const keyed = { ...json, "Idempotency-Key": `"${randomUUID()}"` };
const body = { name: "ml-box", machine_type: "gpu-t4" };
const create = (payload) =>
  fetch(`${BASE_URL}/workstations`, {
    method: "POST",
    headers: keyed,
    body: JSON.stringify(payload),
  });

const first = await create(body);
const workstation = await first.json();
console.log(first.status, first.headers.get("Location"));
//> 201 /v1/workstations/ws-u5fvlr50

// Say the answer was lost on the way. Send the same request again, with the same key:
// the first answer comes back, and nothing is created.
const retry = await create(body);
const again = await retry.json();
const same = isDeepStrictEqual(again, workstation);
console.log(retry.status, retry.headers.get("Location"), same);
//> 201 /v1/workstations/ws-u5fvlr50 true

// One ml-box, not two.
const list = await (await fetch(`${BASE_URL}/workstations`, { headers })).json();
console.log(list.data.filter((w) => w.name === "ml-box").length);
//> 1

// The key belongs to that request: with another body it is refused.
const other = await create({ ...body, name: "ml-box-2" });
console.log(other.status, (await other.json()).code);
//> 422 idempotency_key_reused
