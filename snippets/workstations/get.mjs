const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

const r = await fetch(`${BASE_URL}/workstations/ws-12345`, { headers });
const workstation = await r.json();
console.log(r.status, workstation.name, workstation.status);
//> 200 dev-box stopped
console.log(workstation.volume_ids);
//> [ 'vol-boot12345', 'vol-data12345' ]
