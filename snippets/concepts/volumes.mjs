const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const json = { ...headers, "Content-Type": "application/json" }; // with a JSON body

const call = async (method, path, body) => {
  const init = { method, headers: body ? json : headers, body: JSON.stringify(body) };
  const r = await fetch(BASE_URL + path, init);
  if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}`);
  return r.json();
};

// 1. A standalone volume for data that must outlive any one workstation.
const data = await call("POST", "/volumes", { size_gb: 100 });
console.log(data.id, data.standalone, data.attached_to);
//> vol-zuajavqg true null

// 2. A workstation with it attached: it also gets a volume of its own.
const ws = await call("POST", "/workstations", {
  name: "scratch",
  machine_type: "standard-2",
  volume_ids: [data.id],
});
const own = ws.volume_ids[0];
console.log(ws.id, ws.volume_ids);
//> ws-rjd71mnh [ 'vol-bxcndm1j', 'vol-zuajavqg' ]

// 3. Stop and delete the workstation: its own volume goes, the standalone one stays.
const stopped = await call("POST", `/workstations/${ws.id}/stop`);
console.log(stopped.status);
//> stopped
const result = await call("DELETE", `/workstations/${ws.id}`);
console.log(result.deleted_volume_ids[0] === own, result.detached_volume_ids);
//> true [ 'vol-zuajavqg' ]
console.log((await call("GET", `/volumes/${data.id}`)).attached_to);
//> null

// 4. Attach the kept volume to ws-12345 (stopped), next to the ones it has.
const updated = await call("PATCH", "/workstations/ws-12345", {
  volume_ids: ["vol-data12345", data.id],
});
console.log(updated.volume_ids);
//> [ 'vol-boot12345', 'vol-data12345', 'vol-zuajavqg' ]
