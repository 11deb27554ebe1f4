const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = {
  Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}`,
  "Content-Type": "application/json",
};

// A GPU workstation with a 100 GiB volume of its own, and the standalone
// vol-scratch01 attached.
const r = await fetch(`${BASE_URL}/workstations`, {
  method: "POST",
  headers,
  body: JSON.stringify({
    name: "ml-box",
    machine_type: "gpu-t4",
    disk_size_gb: 100,
    volume_ids: ["vol-scratch01"],
  }),
});
console.log(r.status, r.headers.get("Location"));
//> 201 /v1/workstations/ws-u5fvlr50
const workstation = await r.json();
console.log(workstation.status, workstation.volume_ids);
//> running [ 'vol-h8rscm7s', 'vol-scratch01' ]
