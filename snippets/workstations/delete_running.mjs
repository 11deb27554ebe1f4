const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// ws-67890 is running: the delete is refused and nothing changes.
const url = `${BASE_URL}/workstations/ws-67890`;
let r = await fetch(url, { method: "DELETE", headers });
const problem = await r.json();
console.log(r.status, problem.code);
//> 409 workstation_not_stopped
console.log((await (await fetch(url, { headers })).json()).status);
//> running

// Recover: stop it, then delete it.
r = await fetch(`${url}/stop`, { method: "POST", headers });
if (!r.ok) throw new Error(`stop answered ${r.status}`);
r = await fetch(url, { method: "DELETE", headers });
console.log(r.status, (await r.json()).deleted_volume_ids);
//> 200 [ 'vol-boot67890' ]
