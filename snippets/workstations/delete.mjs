const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// ws-12345 is stopped. It owns vol-boot12345; the standalone vol-data12345 is attached.
const r = await fetch(`${BASE_URL}/workstations/ws-12345`, {
  method: "DELETE",
  headers,
});
console.log(r.status);
//> 200
const result = await r.json();
console.log(JSON.stringify(result, null, 2));
//> {
//>   "id": "ws-12345",
//>   "status": "deleted",
//>   "deleted_volume_ids": [
//>     "vol-boot12345"
//>   ],
//>   "detached_volume_ids": [
//>     "vol-data12345"
//>   ]
//> }

// The workstation and the volume it owned are gone (404)...
for (const path of ["/workstations/ws-12345", "/volumes/vol-boot12345"]) {
  console.log((await fetch(BASE_URL + path, { headers })).status);
  //> 404
  //> 404
}
// ...and the standalone volume is kept, detached, ready to attach elsewhere.
const kept = await fetch(`${BASE_URL}/volumes/vol-data12345`, { headers });
const volume = await kept.json();
console.log(volume.standalone, volume.attached_to);
//> true null
