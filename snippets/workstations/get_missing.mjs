const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// A well-formed ID that no workstation has: 404.
const missing = await fetch(`${BASE_URL}/workstations/ws-00000`, { headers });
console.log(missing.status, (await missing.json()).code);
//> 404 not_found

// Not a workstation ID at all: 400.
const malformed = await fetch(`${BASE_URL}/workstations/WS_12345`, { headers });
console.log(malformed.status, (await malformed.json()).code);
//> 400 invalid_id
