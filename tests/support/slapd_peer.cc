#include "support/slapd_peer.h"

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "support/file_text.h"
#include "support/loopback_port.h"

namespace printline::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kInstallHint =
    "install Debian's slapd and ldap-utils (scripts/install-deps.sh)";

// Debian puts slapd and slapadd in /usr/sbin, which a test's PATH may lack.
std::string server_program(const std::string& name) {
  const fs::path in_sbin = fs::path("/usr/sbin") / name;
  return fs::exists(in_sbin) ? in_sbin.string() : name;
}

std::string tail(const std::string& text) {
  constexpr std::size_t kTail = 2000;
  return text.size() > kTail ? "…" + text.substr(text.size() - kTail) : text;
}

// "example" of dc=example,dc=org: the suffix entry is a dcObject, which needs its dc value.
std::string first_dc_value(const std::string& suffix) {
  const auto comma = suffix.find(',');
  const std::string first = suffix.substr(0, comma);
  if (first.rfind("dc=", 0) != 0 || first.size() == 3) {
    throw std::invalid_argument("SlapdPeer needs a suffix that starts with dc=…, not " + suffix);
  }
  return first.substr(3);
}

// The limits: a search without paging stops at size_limit entries, a paged one does not
// (size.prtotal=unlimited; without it slapd caps the whole paged search at size.hard too).
// Both in the frontend and on the database, for every identity ("*", anonymous included).
std::string size_limit(int entries) {
  const std::string n = std::to_string(entries);
  return "size.soft=" + n + " size.hard=" + n + " size.prtotal=unlimited";
}

std::string ad_schema_ldif() {
  return "dn: cn=adlike,cn=schema,cn=config\n"
         "objectClass: olcSchemaConfig\n"
         "cn: adlike\n"
         "olcAttributeTypes: ( 1.3.6.1.4.1.99999.1.1 NAME 'sAMAccountName'"
         " EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch"
         " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )\n"
         "olcAttributeTypes: ( 1.3.6.1.4.1.99999.1.2 NAME 'uSNChanged'"
         " EQUALITY integerMatch ORDERING integerOrderingMatch"
         " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )\n"
         "olcObjectClasses: ( 1.3.6.1.4.1.99999.1.3 NAME 'printlineAdUser' SUP top AUXILIARY"
         " MAY ( sAMAccountName $ uSNChanged ) )\n\n";
}

std::string config_ldif(const SlapdPeer::Options& options, const fs::path& data_dir,
                        const std::string& admin_dn, const std::string& admin_password) {
  std::string ldif = "dn: cn=config\nobjectClass: olcGlobal\ncn: config\n";
  if (!options.tls_cert.empty()) {
    ldif += "olcTLSCertificateFile: " + options.tls_cert.string() +
            "\nolcTLSCertificateKeyFile: " + options.tls_key.string() + "\n";
  }
  ldif +=
      "\ndn: cn=module{0},cn=config\nobjectClass: olcModuleList\ncn: module{0}\n"
      "olcModulePath: /usr/lib/ldap\nolcModuleLoad: back_mdb\n";
  if (options.memberof) ldif += "olcModuleLoad: memberof\n";
  ldif += "\ndn: cn=schema,cn=config\nobjectClass: olcSchemaConfig\ncn: schema\n\n";
  for (const char* schema : {"core", "cosine", "inetorgperson", "nis"}) {
    ldif += std::string("include: file:///etc/ldap/schema/") + schema + ".ldif\n\n";
  }
  if (options.ad_schema) ldif += ad_schema_ldif();
  const std::string limits = size_limit(options.size_limit);
  ldif +=
      "dn: olcDatabase={-1}frontend,cn=config\n"
      "objectClass: olcDatabaseConfig\nobjectClass: olcFrontendConfig\n"
      "olcDatabase: {-1}frontend\n";
  ldif += "olcSizeLimit: " + limits + "\n";
  ldif +=
      "olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none\n"
      "olcAccess: {1}to * by * read\n\n"
      "dn: olcDatabase={0}config,cn=config\nobjectClass: olcDatabaseConfig\n"
      "olcDatabase: {0}config\nolcAccess: {0}to * by * none\n\n"
      "dn: olcDatabase={1}mdb,cn=config\n"
      "objectClass: olcDatabaseConfig\nobjectClass: olcMdbConfig\nolcDatabase: {1}mdb\n";
  ldif += "olcSuffix: " + options.suffix + "\n";
  ldif += "olcRootDN: " + admin_dn + "\nolcRootPW: " + admin_password + "\n";
  ldif += "olcDbDirectory: " + data_dir.string() + "\n";
  ldif += "olcLimits: {0}* " + limits + "\n";
  // No sync: a test's directory need not survive a power cut, and adds go faster.
  ldif +=
      "olcDbMaxSize: 1073741824\nolcDbNoSync: TRUE\n"
      "olcDbIndex: objectClass eq\nolcDbIndex: uid eq\nolcDbIndex: cn eq\n"
      "olcDbIndex: mail eq\nolcDbIndex: member eq\n";
  if (options.ad_schema) ldif += "olcDbIndex: sAMAccountName eq\n";
  if (options.memberof) {
    ldif +=
        "\ndn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config\n"
        "objectClass: olcOverlayConfig\nobjectClass: olcMemberOf\n"
        "olcOverlay: {0}memberof\nolcMemberOfRefInt: TRUE\n";
  }
  return ldif;
}

std::string base_entries_ldif(const std::string& suffix) {
  const std::string dc = first_dc_value(suffix);
  std::string ldif = "dn: " + suffix + "\nobjectClass: dcObject\nobjectClass: organization\n";
  ldif += "dc: " + dc + "\no: " + dc + "\n\n";
  for (const char* unit : {"people", "groups"}) {
    ldif += std::string("dn: ou=") + unit + "," + suffix +
            "\nobjectClass: organizationalUnit\nou: " + unit + "\n\n";
  }
  return ldif;
}

// Runs a tool to its end; "" when it exited 0, else why (with the end of its output).
std::string run_to_end(std::vector<std::string> argv, const fs::path& log,
                       std::chrono::milliseconds timeout) {
  ChildProcess process(std::move(argv), log);
  if (!process.wait_for_exit(timeout)) {
    return process.command_line() + " did not finish within " +
           std::to_string(timeout.count() / 1000) + " s: " + tail(read_file(log));
  }
  const int status = process.exit_status();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return process.command_line() + " could not be run: " + kInstallHint;
  }
  return process.command_line() + " failed: " + tail(read_file(log));
}

}  // namespace

SlapdPeer::SlapdPeer(Options options) : options_(std::move(options)) {
  if (options_.tls_cert.empty() != options_.tls_key.empty()) {
    throw std::invalid_argument("SlapdPeer needs both tls_cert and tls_key, or neither");
  }
  fs::create_directories(dir_ / "config");
  fs::create_directories(dir_ / "data");
  const fs::path config = dir_ / "config.ldif";
  std::ofstream(config) << config_ldif(options_, dir_ / "data", admin_dn(), admin_password());
  if (auto why = run_to_end({server_program("slapadd"), "-n0", "-F", (dir_ / "config").string(),
                             "-l", config.string()},
                            dir_ / "slapadd.log", 30s);
      !why.empty()) {
    throw std::runtime_error("cannot make slapd's configuration: " + why);
  }
  // A port free a moment ago may be taken by the time slapd binds it: try another.
  bool started = false;
  for (int attempt = 0; attempt < 3 && !started; ++attempt) started = start_on(pick_free_port());
  if (!started) throw std::runtime_error("slapd did not start: " + log_tail());
  add(base_entries_ldif(options_.suffix));
}

SlapdPeer::~SlapdPeer() = default;

bool SlapdPeer::start_on(int port) {
  port_ = port;
  // -d none: stays in the foreground and prints only errors (-d 0 would hide them too).
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{server_program("slapd"), "-d", "none", "-F",
                               (dir_ / "config").string(), "-h", uri() + "/"},
      dir_ / "slapd.log");
  if (wait_until_listening(port_, 20s, [this] { return process_->running(); })) return true;
  if (!process_->running()) return false;
  process_.reset();
  throw std::runtime_error("slapd did not accept connections within 20 s: " + log_tail());
}

void SlapdPeer::add(const std::string& ldif) { run_ldif_tool("ldapadd", ldif); }

void SlapdPeer::modify(const std::string& ldif) { run_ldif_tool("ldapmodify", ldif); }

void SlapdPeer::run_ldif_tool(const std::string& tool, const std::string& ldif) {
  // A file rather than stdin: ChildProcess gives the tool /dev/null as stdin, and a file
  // keeps a failed LDIF around for a look while the peer lives.
  const fs::path file = dir_ / (tool + "-" + std::to_string(++ldif_files_) + ".ldif");
  std::ofstream(file) << ldif;
  const fs::path log = dir_ / (tool + "-" + std::to_string(ldif_files_) + ".log");
  if (auto why = run_to_end(
          {tool, "-x", "-H", uri(), "-D", admin_dn(), "-w", admin_password(), "-f", file.string()},
          log, 300s);
      !why.empty()) {
    throw std::runtime_error(why);
  }
  fs::remove(file);
  fs::remove(log);
}

std::string SlapdPeer::log_tail() const { return tail(read_file(dir_ / "slapd.log")); }

std::string SlapdPeer::person_dn(const std::string& suffix, const std::string& uid) {
  return "uid=" + uid + ",ou=people," + suffix;
}

std::string SlapdPeer::people_ldif(const std::string& suffix, int count,
                                   const std::string& prefix) {
  std::string ldif;
  ldif.reserve(static_cast<std::size_t>(count) * (220 + 2 * suffix.size()));
  char number[16];
  for (int i = 1; i <= count; ++i) {
    std::snprintf(number, sizeof number, "%05d", i);
    const std::string uid = prefix + number;
    ldif += "dn: " + person_dn(suffix, uid) + "\nobjectClass: inetOrgPerson\nuid: " + uid +
            "\ncn: " + prefix + " " + number + "\nsn: " + number + "\nmail: " + uid +
            "@example.org\nuserPassword: pw-" + uid + "\n\n";
  }
  return ldif;
}

std::string SlapdPeer::group_ldif(const std::string& suffix, const std::string& name,
                                  const std::vector<std::string>& member_uids) {
  if (member_uids.empty()) {
    throw std::invalid_argument("a groupOfNames needs at least one member (group " + name + ")");
  }
  std::string ldif =
      "dn: cn=" + name + ",ou=groups," + suffix + "\nobjectClass: groupOfNames\ncn: " + name + "\n";
  for (const auto& uid : member_uids) ldif += "member: " + person_dn(suffix, uid) + "\n";
  return ldif + "\n";
}

}  // namespace printline::testing
