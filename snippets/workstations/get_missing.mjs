const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// A well-formed ID that no workstation has: 404.
let r = await fetch(`${BASE_URL}/workstations/ws-00000`, { headers });
console.log(r.status, (await r.json()).code);
//> 404 not_found

// Not a workstation ID at all: 400.
r = await fetch(`${BASE_URL}/workstations/WS_12345`, { headers });
console.log(r.status, (await r.json()).code);
//> 400 invalid_id
