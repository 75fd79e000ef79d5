// Seeded generators of realistic deployment configs for the benchmark: the same seed and size
// always give the same text, so runs are comparable.

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** Lines of an nginx site: `servers` server blocks with locations, headers, TLS and proxying. */
export function nginxSite(seed: number, lines: number): string {
  const r = rng(seed);
  const out: string[] = [];
  let n = 0;
  while (out.length < lines) {
    n++;
    out.push(
      `server {`,
      `    listen 443 ssl;`,
      `    server_name app${n}.example.com;`,
      `    ssl_certificate /etc/ssl/app${n}.pem;`,
      `    ssl_certificate_key /etc/ssl/app${n}.key;`,
      `    ssl_protocols ${pick(r, ['TLSv1.2 TLSv1.3', 'TLSv1 TLSv1.1 TLSv1.2', 'TLSv1.3'])};`,
      `    include snippets/headers.conf;`,
      `    client_max_body_size ${pick(r, ['10m', '1m', '0', '50m'])};`,
    );
    const locations = 3 + Math.floor(r() * 6);
    for (let i = 0; i < locations; i++) {
      out.push(`    location /path${n}_${i}/ {`);
      if (r() < 0.5) out.push(`        proxy_pass http://127.0.0.1:${8000 + i};`, `        proxy_set_header Host $host;`, `        proxy_set_header X-Forwarded-Proto $scheme;`);
      else out.push(`        root /srv/www/app${n};`, `        try_files $uri $uri/ =404;`);
      if (r() < 0.2) out.push(`        add_header Cache-Control "no-store" always;`);
      if (r() < 0.1) out.push(`        autoindex on;`);
      out.push(`    }`);
    }
    out.push(`}`, ``);
  }
  return out.slice(0, lines).join('\n') + '\n' + '}\n'.repeat(0);
}

export function nginxMain(siteGlob = 'sites-enabled/*.conf'): string {
  return [
    'user www-data;',
    'worker_processes auto;',
    'events {',
    '    worker_connections 1024;',
    '}',
    'http {',
    '    include mime.types;',
    '    default_type application/octet-stream;',
    '    sendfile on;',
    '    keepalive_timeout 65;',
    `    include ${siteGlob};`,
    '}',
    '',
  ].join('\n');
}

export const NGINX_HEADERS = [
  'add_header Strict-Transport-Security "max-age=63072000" always;',
  'add_header X-Content-Type-Options "nosniff" always;',
  'add_header X-Frame-Options "DENY" always;',
  '',
].join('\n');

/** A Django base settings module of about `lines` lines. */
export function djangoBase(seed: number, lines: number): string {
  const r = rng(seed);
  const out = [
    'import os',
    'from pathlib import Path',
    '',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-insecure-key")',
    'DEBUG = False',
    'ALLOWED_HOSTS = ["example.com"]',
    'INSTALLED_APPS = [',
    '    "django.contrib.admin",',
    '    "django.contrib.auth",',
    '    "django.contrib.contenttypes",',
    '    "django.contrib.sessions",',
    ']',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    ']',
    'DATABASES = {',
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    '        "NAME": os.environ.get("DB_NAME", "app"),',
    '        "PASSWORD": os.environ["DB_PASSWORD"],',
    '    }',
    '}',
  ];
  let i = 0;
  while (out.length < lines) {
    i++;
    switch (Math.floor(r() * 5)) {
      case 0:
        out.push(`FEATURE_${i} = ${pick(r, ['True', 'False', '42', '"on"', 'None'])}`);
        break;
      case 1:
        out.push(`APP_SETTING_${i} = {`, `    "name": "setting-${i}",`, `    "timeout": ${Math.floor(r() * 100)},`, `    "paths": [BASE_DIR / "data${i}"],`, '}');
        break;
      case 2:
        out.push(`LIST_${i} = ["a${i}", "b${i}"] + ["c${i}"]`);
        break;
      case 3:
        out.push(`ENV_${i} = os.environ.get("ENV_${i}", "default-${i}")`);
        break;
      default:
        out.push(`# configuration block ${i}`, `if DEBUG:`, `    LOG_LEVEL_${i} = "DEBUG"`, `else:`, `    LOG_LEVEL_${i} = "INFO"`);
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function djangoProd(seed: number, lines: number, base = 'base'): string {
  const body = djangoBase(seed + 1, Math.max(0, lines - 8)).split('\n').slice(27);
  return [
    `from .${base} import *  # noqa`,
    '',
    'DEBUG = False',
    'ALLOWED_HOSTS = ["app.example.com"]',
    'SESSION_COOKIE_SECURE = True',
    'CSRF_COOKIE_SECURE = True',
    'SECURE_SSL_REDIRECT = True',
    'SECURE_HSTS_SECONDS = 31536000',
    ...body,
  ]
    .slice(0, lines)
    .join('\n') + '\n';
}

const PACKAGES = ['django', 'requests', 'flask', 'gunicorn', 'celery', 'redis', 'psycopg2-binary', 'pyyaml', 'jinja2', 'urllib3', 'pillow', 'boto3', 'sqlparse', 'numpy', 'pandas', 'cryptography', 'idna', 'certifi', 'click', 'attrs'];

export function requirements(seed: number, lines: number): string {
  const r = rng(seed);
  const out = ['# generated requirements', '--index-url https://pypi.org/simple'];
  let i = 0;
  while (out.length < lines) {
    i++;
    const name = r() < 0.3 ? pick(r, PACKAGES) : `package-${i}`;
    const v = `${Math.floor(r() * 5)}.${Math.floor(r() * 20)}.${Math.floor(r() * 10)}`;
    switch (Math.floor(r() * 6)) {
      case 0:
        out.push(`${name}>=${v}`);
        break;
      case 1:
        out.push(`${name}==${v} \\`, `    --hash=sha256:${'a'.repeat(64)}`);
        break;
      case 2:
        out.push(`${name}[extra]==${v} ; python_version >= "3.8"`);
        break;
      default:
        out.push(`${name}==${v}  # pinned`);
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function dockerfile(seed: number, lines: number): string {
  const r = rng(seed);
  const out: string[] = ['# syntax=docker/dockerfile:1'];
  let stage = 0;
  while (out.length < lines - 6) {
    stage++;
    out.push(`FROM python:3.12-slim AS stage${stage}`, `WORKDIR /app${stage}`, `ARG VERSION_${stage}=1.0`);
    const steps = 5 + Math.floor(r() * 10);
    for (let i = 0; i < steps; i++) {
      switch (Math.floor(r() * 5)) {
        case 0:
          out.push(`RUN apt-get update && apt-get install -y --no-install-recommends curl${i} \\`, `    && rm -rf /var/lib/apt/lists/*`);
          break;
        case 1:
          out.push(`COPY --from=stage${Math.max(1, stage - 1)} /app${Math.max(1, stage - 1)}/out /app${stage}/in${i}`);
          break;
        case 2:
          out.push(`RUN pip install --no-cache-dir package${i}==1.${i}.0`);
          break;
        case 3:
          out.push(`ENV SETTING_${stage}_${i}="value ${i}"`);
          break;
        default:
          out.push(`RUN set -eux; mkdir -p /data/${i} && chown app:app /data/${i}`);
      }
    }
  }
  out.push('FROM python:3.12-slim', 'COPY --from=stage1 /app1 /app', 'RUN useradd -u 10001 app', 'USER 10001', 'EXPOSE 8000', 'CMD ["gunicorn", "app.wsgi"]');
  return out.join('\n') + '\n';
}

export function sshdMain(seed: number, lines: number): string {
  const r = rng(seed);
  const out = ['Include /etc/ssh/sshd_config.d/*.conf', 'Port 22', 'PermitRootLogin no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM yes', 'X11Forwarding no', 'AllowUsers deploy admin'];
  const opts = ['ClientAliveInterval 300', 'ClientAliveCountMax 3', 'LogLevel VERBOSE', 'MaxAuthTries 3', 'MaxSessions 4', 'LoginGraceTime 30', 'AllowAgentForwarding no', 'AllowTcpForwarding no', 'PermitEmptyPasswords no', 'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com', '# a comment line'];
  let m = 0;
  while (out.length < lines) {
    if (r() < 0.08) {
      m++;
      out.push(`Match User user${m}`, `    X11Forwarding ${pick(r, ['yes', 'no'])}`, `    AllowTcpForwarding ${pick(r, ['yes', 'no', 'local'])}`);
    } else {
      out.push(pick(r, opts));
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function sshdDropIn(i: number): string {
  return i === 0 ? 'PasswordAuthentication yes\n' : `# drop-in ${i}\nClientAliveInterval ${100 + i}\n`;
}
