"""Directory edits of the lab DC, in one process (python3-samba starts slowly, so the lab
batches every edit of a step into one run). Run with /usr/bin/python3: the bindings are
Debian's. Reads {"smbConf": path, "ops": [...]} as JSON on stdin and prints one JSON result
per op. Called by test/lab/directory.ts, which types the ops."""
import base64
import json
import os
import sys

import ldb
from samba import enable_net_export_keytab
from samba.auth import system_session
from samba.dsdb import UF_ACCOUNTDISABLE
from samba.net import Net
from samba.param import LoadParm
from samba.samdb import SamDB

ACTIONS = {"add": ldb.FLAG_MOD_ADD, "replace": ldb.FLAG_MOD_REPLACE, "delete": ldb.FLAG_MOD_DELETE}


def main():
    request = json.load(sys.stdin)
    lp = LoadParm()
    lp.load(request["smbConf"])
    samdb = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
    base = str(samdb.domain_dn())
    results = [run(samdb, lp, base, op) for op in request["ops"]]
    json.dump(results, sys.stdout)


def dn_of(samdb, base, account):
    res = samdb.search(base=base, scope=ldb.SCOPE_SUBTREE,
                       expression="(sAMAccountName=%s)" % ldb.binary_encode(account), attrs=[])
    if len(res) != 1:
        raise Exception("account %s: %d matches" % (account, len(res)))
    return res[0].dn


def modify(db, dn, changes):
    msg = ldb.Message(dn)
    for change in changes:
        values = [v.encode() if isinstance(v, str) else base64.b64decode(v["b64"]) for v in change["values"]]
        msg[change["attr"]] = ldb.MessageElement(values, ACTIONS[change["action"]], change["attr"])
    db.modify(msg)


def run(samdb, lp, base, op):
    kind = op["op"]
    if kind == "user":
        samdb.newuser(op["name"], op["password"], givenname=op.get("given"), surname=op.get("surname"),
                      mailaddress=op.get("mail"))
        return {"dn": str(dn_of(samdb, base, op["name"]))}
    if kind == "computer":
        samdb.newcomputer(op["name"], service_principal_name_list=op.get("spns") or None)
        account = op["name"] + "$"
        samdb.setpassword("(sAMAccountName=%s)" % ldb.binary_encode(account), op["password"])
        return {"dn": str(dn_of(samdb, base, account))}
    if kind == "group":
        samdb.newgroup(op["name"])
        return {"dn": str(dn_of(samdb, base, op["name"]))}
    if kind == "members":
        samdb.add_remove_group_members(op["group"], op["members"], add_members_operation=True)
        return {}
    if kind == "modify":
        dn = ldb.Dn(samdb, op["dn"]) if "dn" in op else dn_of(samdb, base, op["account"])
        modify(samdb, dn, op["changes"])
        return {"dn": str(dn)}
    if kind == "uac":
        dn = dn_of(samdb, base, op["account"])
        res = samdb.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["userAccountControl"])
        old = int(res[0]["userAccountControl"][0])
        new = (old | op.get("set", 0)) & ~op.get("clear", 0)
        if new != old:
            modify(samdb, dn, [{"attr": "userAccountControl", "action": "replace", "values": [str(new)]}])
        return {"old": old, "new": new}
    if kind == "setpassword":
        dn = dn_of(samdb, base, op["account"])
        res = samdb.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["userAccountControl"])
        disabled = int(res[0]["userAccountControl"][0]) & UF_ACCOUNTDISABLE
        samdb.setpassword("(sAMAccountName=%s)" % ldb.binary_encode(op["account"]), op["password"])
        if disabled:
            # setpassword enables the account; a password change must not.
            samdb.toggle_userAccountFlags("(sAMAccountName=%s)" % ldb.binary_encode(op["account"]),
                                          UF_ACCOUNTDISABLE, on=True, strict=False)
        return {}
    if kind == "add":
        attrs = {k: v for k, v in op["attrs"].items()}
        for k, v in attrs.items():
            attrs[k] = [x.encode() if isinstance(x, str) else base64.b64decode(x["b64"]) for x in v]
        msg = ldb.Message(ldb.Dn(samdb, op["dn"]))
        for k, v in attrs.items():
            msg[k] = ldb.MessageElement(v, ldb.FLAG_MOD_ADD, k)
        samdb.add(msg)
        return {}
    if kind == "read":
        dn = ldb.Dn(samdb, op["dn"]) if "dn" in op else dn_of(samdb, base, op["account"])
        res = samdb.search(base=dn, scope=ldb.SCOPE_BASE, attrs=op["attrs"])
        out = {}
        for attr in op["attrs"]:
            if attr in res[0]:
                out[attr] = [bytes(v).decode("utf-8", "replace") if attr != "cACertificate"
                             else base64.b64encode(bytes(v)).decode() for v in res[0][attr]]
        return {"dn": str(dn), "attrs": out}
    if kind == "raw":
        # samldb refuses a duplicate SPN through every interface; only the partition file
        # itself, opened without modules, takes it (lab-notes "Duplicate SPN").
        dn = dn_of(samdb, base, op["account"])
        samdb_path = lp.samdb_url()
        if samdb_path.startswith("tdb://"):
            samdb_path = samdb_path[len("tdb://"):]
        path = os.path.join(os.path.dirname(samdb_path), "sam.ldb.d", base.upper() + ".ldb")
        raw = ldb.Ldb(url="tdb://" + path, options=["modules:"])
        modify(raw, ldb.Dn(raw, str(dn)), op["changes"])
        return {"dn": str(dn)}
    if kind == "keytab":
        enable_net_export_keytab()
        tmp = op["path"] + ".new"
        if os.path.exists(tmp):
            os.remove(tmp)
        net = Net(None, lp)
        for principal in op["principals"]:
            net.export_keytab(keytab=tmp, principal=principal)
        os.chmod(tmp, 0o600)
        os.chown(tmp, op["uid"], op["gid"])
        os.replace(tmp, op["path"])
        return {}
    raise Exception("unknown op " + kind)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line for the TypeScript side, not a traceback
        sys.stderr.write("%s: %s\n" % (type(e).__name__, e))
        sys.exit(1)
