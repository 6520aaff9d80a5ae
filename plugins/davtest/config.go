package davtest

import "fmt"

// config is the recipe's httpd-dav.conf (scripts/webdav) with the paths
// and the port filled in.
func config(dir string, port int) string {
	return fmt.Sprintf(`ServerRoot "/usr/lib/apache2"
ServerName 127.0.0.1
Listen 127.0.0.1:%[2]d
PidFile "%[1]s/run/httpd.pid"
ErrorLog "%[1]s/logs/error.log"
LogLevel warn
Mutex file:%[1]s/run default
DefaultRuntimeDir "%[1]s/run"
LoadModule mpm_prefork_module modules/mod_mpm_prefork.so
LoadModule authn_core_module  modules/mod_authn_core.so
LoadModule authn_file_module  modules/mod_authn_file.so
LoadModule authz_core_module  modules/mod_authz_core.so
LoadModule authz_user_module  modules/mod_authz_user.so
LoadModule auth_basic_module  modules/mod_auth_basic.so
LoadModule dav_module         modules/mod_dav.so
LoadModule dav_fs_module      modules/mod_dav_fs.so
LoadModule mime_module        modules/mod_mime.so
LoadModule alias_module       modules/mod_alias.so
User www-data
Group www-data
StartServers 4
MinSpareServers 2
MaxSpareServers 8
ServerLimit 32
MaxRequestWorkers 32
LimitRequestBody 0
Timeout 60
KeepAlive On
LogFormat "%%h %%u %%t \"%%r\" %%>s %%b %%D" davlog
CustomLog "%[1]s/logs/access.log" davlog
TypesConfig /etc/mime.types
DavLockDB "%[1]s/lock/DavLock"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
Alias /recordings "%[1]s/data"
<Directory "%[1]s/data">
    Dav On
    Options Indexes
    AuthType Basic
    AuthName "recordings"
    AuthUserFile "%[1]s/htpasswd"
    Require valid-user
</Directory>
`, dir, port)
}

// tlsConfig turns the listener into HTTPS with the test's certificate.
func tlsConfig(dir string) string {
	return fmt.Sprintf(`LoadModule socache_shmcb_module modules/mod_socache_shmcb.so
LoadModule ssl_module modules/mod_ssl.so
SSLSessionCache "shmcb:%[1]s/run/ssl_scache(512000)"
SSLEngine on
SSLCertificateFile "%[1]s/server.pem"
SSLCertificateKeyFile "%[1]s/server.key"
`, dir)
}
