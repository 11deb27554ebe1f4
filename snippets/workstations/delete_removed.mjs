const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// The old endpoint answers 410 Gone and deletes nothing.
const url = `${BASE_URL}/workstations/ws-12345`;
const r = await fetch(`${url}/delete`, { headers });
console.log(r.status, (await r.json()).code);
//> 410 endpoint_removed
console.log((await (await fetch(url, { headers })).json()).status);
//> stopped

// A malformed ID is refused first, as on every call that takes an ID.
const bad = await fetch(`${BASE_URL}/workstations/ws-bad!/delete`, { headers });
console.log(bad.status, (await bad.json()).code);
//> 400 invalid_id
