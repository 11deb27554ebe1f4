const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// vol-data12345 is attached to ws-12345: refused.
const attached = await fetch(`${BASE_URL}/volumes/vol-data12345`, {
  method: "DELETE",
  headers,
});
console.log(attached.status, (await attached.json()).code);
//> 409 volume_attached

// vol-boot12345 belongs to ws-12345: refused, whatever its state.
const owned = await fetch(`${BASE_URL}/volumes/vol-boot12345`, {
  method: "DELETE",
  headers,
});
console.log(owned.status, (await owned.json()).code);
//> 409 volume_owned

// Recover: detach vol-data12345 (ws-12345 is stopped), then delete it.
const detached = await fetch(`${BASE_URL}/workstations/ws-12345`, {
  method: "PATCH",
  headers: json,
  body: JSON.stringify({ volume_ids: [] }),
});
if (!detached.ok) throw new Error(`update answered ${detached.status}`);
const deleted = await fetch(`${BASE_URL}/volumes/vol-data12345`, {
  method: "DELETE",
  headers,
});
console.log(deleted.status, (await deleted.json()).status);
//> 200 deleted
