const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

// ws-12345 is stopped. Rename it, give it more CPUs, and swap its standalone
// volume: vol-data12345 is detached, vol-scratch01 attached.
const r = await fetch(`${BASE_URL}/workstations/ws-12345`, {
  method: "PATCH",
  headers: json,
  body: JSON.stringify({
    name: "dev-box-large",
    machine_type: "standard-8",
    volume_ids: ["vol-scratch01"],
  }),
});
const workstation = await r.json();
console.log(r.status, workstation.name, workstation.machine_type);
//> 200 dev-box-large standard-8
console.log(workstation.volume_ids);
//> [ 'vol-boot12345', 'vol-scratch01' ]
const kept = await fetch(`${BASE_URL}/volumes/vol-data12345`, { headers });
const volume = await kept.json();
console.log(volume.attached_to);
//> null
