const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };

// Every volume, two at a time: follow next_cursor until it is null.
const params = new URLSearchParams({ limit: 2 });
while (true) {
  const r = await fetch(`${BASE_URL}/volumes?${params}`, { headers });
  const page = await r.json();
  for (const volume of page.data) {
    console.log(volume.id, volume.standalone, volume.attached_to);
    //> vol-boot12345 false ws-12345
    //> vol-data12345 true ws-12345
    //> vol-boot67890 false ws-67890
    //> vol-scratch01 true null
  }
  if (page.next_cursor === null) break;
  params.set("cursor", page.next_cursor);
}
