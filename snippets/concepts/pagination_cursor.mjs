const BASE_URL =
  process.env.CLOUDWS_BASE_URL ?? "https://api.cloudworkstation.example.com/v1";
const headers = { Authorization: `Bearer ${process.env.CLOUDWS_TOKEN}` };
const get = async (path, params) => {
  const query = new URLSearchParams(params);
  const r = await fetch(`${BASE_URL}${path}?${query}`, { headers });
  return [r.status, await r.json()];
};

// A cursor of the list of all workstations, one a page...
const first = (await get("/workstations", { limit: 1 }))[1];
const cursor = first.next_cursor;
console.log(cursor);
//> s4-ZJd-vzYLOhhT9fzjbze_g

// ...gets the next page of that list, with any limit.
const [status, page] = await get("/workstations", { limit: 5, cursor });
console.log(status, page.data.map((w) => w.id));
//> 200 [ 'ws-67890' ]

// Another list, another filter, or a changed character: 400, naming the cursor.
const edited = cursor.slice(0, -1) + (cursor.at(-1) !== "A" ? "A" : "B");
for (const [path, params] of [
  ["/volumes", { cursor }],
  ["/workstations", { cursor, status: "running" }],
  ["/workstations", { cursor: edited }],
]) {
  const [code, problem] = await get(path, params);
  console.log(code, problem.errors[0].field);
  //> 400 query.cursor
  //> 400 query.cursor
  //> 400 query.cursor
}
