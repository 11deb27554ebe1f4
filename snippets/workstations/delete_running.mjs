const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// ws-67890 is running: the delete is refused and nothing changes.
const url = `${BASE_URL}/workstations/ws-67890`;
const refused = await fetch(url, { method: "DELETE", headers });
const problem = await refused.json();
console.log(refused.status, problem.code);
//> 409 workstation_not_stopped
console.log((await (await fetch(url, { headers })).json()).status);
//> running

// Recover: stop it, then delete it.
const stopped = await fetch(`${url}/stop`, { method: "POST", headers });
if (!stopped.ok) throw new Error(`stop answered ${stopped.status}`);
const deleted = await fetch(url, { method: "DELETE", headers });
console.log(deleted.status, (await deleted.json()).deleted_volume_ids);
//> 200 [ 'vol-boot67890' ]
