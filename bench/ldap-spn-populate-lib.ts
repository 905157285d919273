import { run } from '../test/lab/proc';

/**
 * Adds `count` user accounts, each with one SPN, to a lab's domain partition in one
 * python3-samba process: about a minute for 50,000 instead of the quarter of an hour
 * samba's own add path takes. Measured on this machine (Samba 4.17, tdb backend):
 *
 * - samdb.add costs 6-13 ms an account and grows with the directory (about 0.3 us per
 *   account already there): every add rewrites the index records all users share
 *   (objectClass=top/person/user, objectCategory, sAMAccountType, primaryGroupID, ...), each
 *   a list of all their GUIDs. Batched transactions do not help; one big transaction is worse.
 * - ldb adds with no attribute index cost well under 1 ms, and re-indexing is linear.
 *
 * So: account 1 is added through samba's modules (RID from the DC's pool, SID, security
 * descriptor, replication metadata, SPN uniqueness check); the others are copies of its
 * stored record with their own name, SPN, objectGUID and a SID from a RID range taken off
 * the RID Manager's available pool (so the DC never hands those RIDs out again). They are
 * written straight to the partition file through a handle without the schema, which
 * follows @INDEXLIST, after switching its attribute and one-level indexes off; a handle
 * carrying the DC's schema (dsdb._dsdb_set_schema_from_ldb) then switches them back on,
 * which makes ldb rebuild every index record. Without the schema ldb keys indexes with its
 * plain syntaxes (objectCategory by extended DN, integers without the ordering prefix) and
 * Samba finds nothing; with it, all 301,344 index records of a 50,000-account lab were
 * byte-identical to those of Samba's own re-index (dbcheck's force_reindex through SamDB).
 * While the indexes are off Samba's searches miss entries: this runs before any measuring.
 * The copies keep account 1's uSNCreated, whenCreated and replication metadata: a one-DC
 * lab never replicates, and nothing the bench reads depends on them.
 */
const SCRIPT = String.raw`
import json, os, sys, time, uuid
import ldb, samba
from samba import dsdb
from samba.auth import system_session
from samba.ndr import ndr_pack, ndr_unpack
from samba.dcerpc import security
from samba.param import LoadParm
from samba.samdb import SamDB

req = json.load(sys.stdin)
started = time.monotonic()
phases = {}
mark = lambda what: phases.__setitem__(what, round(time.monotonic() - started - sum(phases.values()), 2))
lp = LoadParm()
lp.load(req["smbConf"])
samdb = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = str(samdb.domain_dn())
ou = "OU=%s,%s" % (req["ou"], base)
names = req["names"]
spn = lambda name: "%s/%s.%s" % (req["serviceClass"], name, req["domain"])

samdb.add({"dn": ou, "objectClass": "organizationalUnit"})
first_dn = "CN=%s,%s" % (names[0], ou)
samdb.add({"dn": first_dn, "objectClass": "user", "sAMAccountName": names[0],
           "userAccountControl": str(req["uac"]), "servicePrincipalName": spn(names[0])})

mark("first account")
rid_manager = "CN=RID Manager$,CN=System,%s" % base
pool = int(samdb.search(base=rid_manager, scope=ldb.SCOPE_BASE, attrs=["rIDAvailablePool"])[0]["rIDAvailablePool"][0])
first_rid, limit = pool & 0xFFFFFFFF, pool >> 32
if first_rid + len(names) > limit:
    raise Exception("the RID Manager has only %d RIDs left" % (limit - first_rid))

samdb_path = lp.samdb_url()
if samdb_path.startswith("tdb://"):
    samdb_path = samdb_path[len("tdb://"):]
partition = os.path.join(os.path.dirname(samdb_path), "sam.ldb.d", base.upper() + ".ldb")
# Without the schema, ldb indexes what @INDEXLIST says, so switching it off takes effect;
# a handle with the DC's schema takes its index list from the schema instead.
plain = samba.Ldb(url="tdb://" + partition, lp=lp, options=["modules:"])


def transaction(db, work):
    db.transaction_start()
    try:
        work()
        db.transaction_commit()
    except BaseException:
        db.transaction_cancel()
        raise


template = plain.search(base=first_dn, scope=ldb.SCOPE_BASE, attrs=["*"])[0]
domain_sid = str(ndr_unpack(security.dom_sid, bytes(template["objectSid"][0]))).rsplit("-", 1)[0]
kept = [k for k in template.keys() if k not in ("dn", "distinguishedName", "cn", "name", "sAMAccountName",
                                                "servicePrincipalName", "objectGUID", "objectSid")]
index_list = plain.search(base="@INDEXLIST", scope=ldb.SCOPE_BASE)[0]
switched = [a for a in ("@IDXATTR", "@IDXONE") if a in index_list]


def take_rids_and_switch_indexes_off():
    taken = ldb.Message(ldb.Dn(plain, rid_manager))
    taken["rIDAvailablePool"] = ldb.MessageElement([str((limit << 32) | (first_rid + len(names) - 1))],
                                                   ldb.FLAG_MOD_REPLACE, "rIDAvailablePool")
    plain.modify(taken)
    off = ldb.Message(ldb.Dn(plain, "@INDEXLIST"))
    for a in switched:
        off[a] = ldb.MessageElement([], ldb.FLAG_MOD_DELETE, a)
    plain.modify(off)


def copy(first, last):
    for i in range(first, last):
        name = names[i]
        m = ldb.Message(ldb.Dn(plain, "CN=%s,%s" % (name, ou)))
        for k in kept:
            m[k] = template[k]
        m["cn"] = name
        m["name"] = name
        m["sAMAccountName"] = name
        m["servicePrincipalName"] = spn(name)
        m["objectGUID"] = ldb.MessageElement([uuid.uuid4().bytes_le], ldb.FLAG_MOD_ADD, "objectGUID")
        sid = security.dom_sid("%s-%d" % (domain_sid, first_rid + i - 1))
        m["objectSid"] = ldb.MessageElement([ndr_pack(sid)], ldb.FLAG_MOD_ADD, "objectSid")
        plain.add(m)


def switch_indexes_on():
    indexed = samba.Ldb(url="tdb://" + partition, lp=lp, options=["modules:"])
    dsdb._dsdb_set_schema_from_ldb(indexed, samdb, False)
    on = ldb.Message(ldb.Dn(indexed, "@INDEXLIST"))
    for a in switched:
        on[a] = ldb.MessageElement([bytes(v) for v in index_list[a]], ldb.FLAG_MOD_ADD, a)
    transaction(indexed, lambda: indexed.modify(on))


transaction(plain, take_rids_and_switch_indexes_off)
mark("indexes off")
try:
    # One transaction per batch: ldb's in-transaction index cache slows every add as it grows.
    for first in range(1, len(names), req["batch"]):
        transaction(plain, lambda: copy(first, min(len(names), first + req["batch"])))
    mark("copies")
finally:
    switch_indexes_on()
    mark("re-index")

last = names[-1]
found = {
    "byName": len(samdb.search(base=base, expression="(sAMAccountName=%s)" % last, attrs=["1.1"])),
    "bySpn": len(samdb.search(base=base, expression="(servicePrincipalName=%s)" % spn(last), attrs=["1.1"])),
    "inOu": len(samdb.search(base=ou, scope=ldb.SCOPE_ONELEVEL, expression="(objectCategory=person)", attrs=["1.1"])),
}
mark("verify")
json.dump({"ou": ou, "seconds": time.monotonic() - started, "phases": phases, "found": found}, sys.stdout)
`;

// Debian's interpreter: a pyenv python on PATH has no samba bindings (lab-notes pitfall 1).
const PYTHON = '/usr/bin/python3';

/** ACCOUNTDISABLE | NORMAL_ACCOUNT: the accounts have no password and must never be usable. */
const DISABLED_USER = 0x202;

export interface SpnPopulation {
  /** The OU holding the accounts `<prefix>-00001` ..., SPN `HTTP/<name>.<domain>` each. */
  readonly ou: string;
  readonly seconds: number;
  /** Seconds per step: first account, indexes off, copies, re-index, verify. */
  readonly phases: Readonly<Record<string, number>>;
}

function accountNames(prefix: string, count: number): string[] {
  const width = Math.max(5, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
}

interface ScriptOutput {
  readonly ou: string;
  readonly seconds: number;
  readonly phases: Readonly<Record<string, number>>;
  readonly found: { readonly byName: number; readonly bySpn: number; readonly inOu: number };
}

export async function populateSpnAccounts(smbConf: string, domain: string, prefix: string, count: number): Promise<SpnPopulation> {
  if (count < 1) throw new Error('populating needs at least one account');
  const request = { smbConf, domain, ou: 'Bench SPN accounts', names: accountNames(prefix, count), serviceClass: 'HTTP', uac: DISABLED_USER, batch: 1000 };
  // 4 ms an account is three times the slowest run seen on a loaded machine; the floor covers python-samba's start.
  const result = await run(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(request), timeoutMs: 120_000 + count * 4 });
  if (result.code !== 0) throw new Error(`populating ${count} accounts failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const out = JSON.parse(result.stdout) as ScriptOutput;
  // Samba's own search path (all modules) must find the copies through the rebuilt indexes.
  if (out.found.byName !== 1 || out.found.bySpn !== 1 || out.found.inOu !== count) {
    throw new Error(`populated directory is inconsistent: ${JSON.stringify(out.found)} for ${count} accounts`);
  }
  return { ou: out.ou, seconds: out.seconds, phases: out.phases };
}
