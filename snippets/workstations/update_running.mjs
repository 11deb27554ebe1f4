const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// ws-67890 is running: the update is refused and nothing changes.
const url = `${BASE_URL}/workstations/ws-67890`;
const body = JSON.stringify({ machine_type: "highmem-8" });
let r = await fetch(url, { method: "PATCH", headers: json, body });
console.log(r.status, (await r.json()).code);
//> 409 workstation_not_stopped

// Recover: stop it, update it, start it again.
r = await fetch(`${url}/stop`, { method: "POST", headers });
if (!r.ok) throw new Error(`stop answered ${r.status}`);
r = await fetch(url, { method: "PATCH", headers: json, body });
console.log(r.status, (await r.json()).machine_type);
//> 200 highmem-8
r = await fetch(`${url}/start`, { method: "POST", headers });
console.log(r.status, (await r.json()).status);
//> 200 running
