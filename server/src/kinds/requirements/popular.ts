// Widely used PyPI projects (PEP 503 names), the reference for typosquatting checks (REQ012).
// A name on this list is never reported; a name one edit away from one of them is.
export const POPULAR_PACKAGES: string[] = [
  // web frameworks and their ecosystems
  'django', 'djangorestframework', 'django-cors-headers', 'django-filter', 'django-environ', 'django-storages',
  'django-extensions', 'django-debug-toolbar', 'django-celery-beat', 'django-celery-results', 'django-redis',
  'django-allauth', 'django-crispy-forms', 'django-model-utils', 'django-import-export', 'django-guardian',
  'django-mptt', 'django-taggit', 'django-simple-history', 'django-axes', 'django-otp', 'django-silk',
  'django-anymail', 'django-ses', 'django-health-check', 'django-prometheus', 'django-polymorphic',
  'django-phonenumber-field', 'django-countries', 'django-timezone-field', 'django-js-asset', 'django-csp',
  'djangorestframework-simplejwt', 'drf-spectacular', 'drf-yasg', 'channels', 'channels-redis', 'daphne', 'wagtail',
  'flask', 'flask-cors', 'flask-sqlalchemy', 'flask-login', 'flask-wtf', 'flask-migrate', 'flask-restful',
  'flask-jwt-extended', 'flask-caching', 'flask-limiter', 'flask-socketio', 'flask-babel', 'flask-admin',
  'fastapi', 'starlette', 'uvicorn', 'gunicorn', 'hypercorn', 'pydantic', 'pydantic-core', 'pydantic-settings',
  'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker', 'aiohttp', 'aiosignal', 'frozenlist',
  'multidict', 'yarl', 'tornado', 'sanic', 'bottle', 'pyramid', 'falcon', 'quart', 'litestar', 'waitress',
  'gevent', 'greenlet', 'eventlet', 'uvloop', 'httptools', 'websockets', 'websocket-client', 'python-multipart',
  'multipart', 'python-socketio', 'python-engineio', 'asgiref', 'whitenoise', 'sqlparse',
  // http, networking, parsing
  'requests', 'urllib3', 'certifi', 'charset-normalizer', 'chardet', 'idna', 'httpx', 'httpcore', 'h11', 'h2',
  'anyio', 'sniffio', 'requests-oauthlib', 'oauthlib', 'requests-toolbelt', 'requests-mock', 'responses',
  'pycurl', 'httplib2', 'dnspython', 'paramiko', 'pysocks', 'beautifulsoup4', 'bs4', 'lxml', 'html5lib',
  'soupsieve', 'scrapy', 'selenium', 'playwright', 'mechanize', 'feedparser', 'xmltodict', 'defusedxml',
  'pyyaml', 'ruamel-yaml', 'toml', 'tomli', 'tomlkit', 'simplejson', 'ujson', 'orjson', 'msgpack', 'protobuf',
  'grpcio', 'grpcio-tools', 'thrift', 'avro', 'jsonschema', 'marshmallow', 'attrs', 'cattrs', 'dataclasses-json',
  // security, crypto, auth
  'cryptography', 'pyopenssl', 'pycryptodome', 'pycryptodomex', 'pycrypto', 'bcrypt', 'argon2-cffi', 'passlib',
  'pyjwt', 'python-jose', 'jwcrypto', 'authlib', 'itsdangerous', 'rsa', 'pyasn1', 'pyasn1-modules', 'ecdsa',
  'pynacl', 'keyring', 'certifi', 'truststore', 'cffi', 'pycparser', 'ldap3', 'python-ldap', 'pyotp', 'qrcode',
  // data, science, ml
  'numpy', 'pandas', 'scipy', 'matplotlib', 'seaborn', 'plotly', 'bokeh', 'scikit-learn', 'scikit-image',
  'statsmodels', 'sympy', 'networkx', 'numba', 'llvmlite', 'pyarrow', 'polars', 'dask', 'xarray', 'h5py',
  'tables', 'openpyxl', 'xlrd', 'xlsxwriter', 'xlwt', 'tabulate', 'pillow', 'opencv-python', 'imageio',
  'tensorflow', 'keras', 'torch', 'torchvision', 'torchaudio', 'transformers', 'tokenizers', 'datasets',
  'huggingface-hub', 'safetensors', 'sentencepiece', 'accelerate', 'xgboost', 'lightgbm', 'catboost', 'nltk',
  'spacy', 'gensim', 'jupyter', 'jupyterlab', 'notebook', 'ipython', 'ipykernel', 'ipywidgets', 'tqdm', 'joblib',
  'openai', 'anthropic', 'langchain', 'tiktoken', 'onnx', 'onnxruntime',
  // databases, queues, caches
  'sqlalchemy', 'alembic', 'psycopg2', 'psycopg2-binary', 'psycopg', 'psycopg-binary', 'asyncpg', 'pymysql',
  'mysqlclient', 'mysql-connector-python', 'pymongo', 'motor', 'redis', 'hiredis', 'celery', 'kombu',
  'billiard', 'amqp', 'vine', 'rq', 'dramatiq', 'pika', 'kafka-python', 'confluent-kafka', 'elasticsearch',
  'opensearch-py', 'cassandra-driver', 'peewee', 'pony', 'tortoise-orm', 'databases', 'aiosqlite', 'pyodbc',
  'cx-oracle', 'oracledb', 'pymemcache', 'python-memcached', 'sqlmodel',
  // cloud, devops
  'boto', 'boto3', 'botocore', 's3transfer', 'awscli', 'aiobotocore', 's3fs', 'fsspec', 'google-cloud-storage',
  'google-cloud-bigquery', 'google-api-python-client', 'google-auth', 'google-auth-oauthlib', 'google-api-core',
  'googleapis-common-protos', 'azure-core', 'azure-identity', 'azure-storage-blob', 'msal', 'kubernetes',
  'docker', 'ansible', 'ansible-core', 'fabric', 'invoke', 'sentry-sdk', 'newrelic', 'ddtrace', 'datadog',
  'prometheus-client', 'opentelemetry-api', 'opentelemetry-sdk', 'structlog', 'loguru', 'python-json-logger',
  'supervisor', 'psutil', 'setproctitle', 'watchdog', 'python-dotenv', 'environs', 'dynaconf', 'stripe',
  'twilio', 'sendgrid', 'slack-sdk', 'boto3-stubs',
  // utilities
  'six', 'setuptools', 'wheel', 'pip', 'pip-tools', 'virtualenv', 'pipenv', 'poetry', 'poetry-core', 'hatchling',
  'packaging', 'pyparsing', 'typing-extensions', 'typing-inspect', 'mypy-extensions', 'python-dateutil', 'pytz',
  'tzdata', 'tzlocal', 'arrow', 'pendulum', 'dateparser', 'babel', 'humanize', 'colorama', 'termcolor', 'rich',
  'pygments', 'docutils', 'sphinx', 'mkdocs', 'mkdocs-material', 'markdown', 'mistune', 'bleach', 'nh3',
  'emoji', 'unidecode', 'text-unidecode', 'python-slugify', 'regex', 'jmespath', 'wrapt', 'decorator',
  'cachetools', 'filelock', 'platformdirs', 'appdirs', 'distlib', 'importlib-metadata', 'importlib-resources',
  'zipp', 'more-itertools', 'toolz', 'sortedcontainers', 'pyrsistent', 'jsonpointer', 'jsonpatch', 'pexpect',
  'ptyprocess', 'sh', 'plumbum', 'docopt', 'typer', 'fire', 'argcomplete', 'tenacity', 'retrying', 'backoff',
  'schedule', 'apscheduler', 'croniter', 'pyserial', 'pyusb', 'pywin32', 'pyinstaller', 'cython', 'pybind11',
  'pyzmq', 'jedi', 'parso', 'pluggy', 'iniconfig', 'exceptiongroup', 'tomli-w', 'shellingham', 'markdown-it-py',
  'mdurl', 'email-validator', 'phonenumbers', 'validators', 'faker', 'factory-boy', 'freezegun', 'mock',
  'pytest', 'pytest-cov', 'pytest-django', 'pytest-mock', 'pytest-xdist', 'pytest-asyncio', 'coverage', 'tox',
  'nox', 'hypothesis', 'flake8', 'pyflakes', 'pycodestyle', 'pylint', 'black', 'isort', 'ruff', 'mypy',
  'bandit', 'pre-commit', 'debugpy', 'ipdb', 'pdbpp', 'twine', 'build', 'nose', 'unittest2', 'wcwidth',
  'prompt-toolkit', 'pyperclip', 'reportlab', 'weasyprint', 'pypdf', 'pypdf2', 'pdfminer-six', 'python-docx',
  'xhtml2pdf', 'jsonpickle', 'dill', 'cloudpickle', 'lz4', 'zstandard', 'brotli', 'python-magic',
  'geopy', 'shapely', 'pyproj', 'geopandas', 'fiona', 'gdal', 'jieba', 'ftfy', 'pyjwt', 'sqlalchemy-utils',
  'graphene', 'graphene-django', 'strawberry-graphql', 'ariadne', 'gql', 'py', 'future', 'pyyaml-include',
];

/** Legitimate projects one edit (or a `python-` prefix) away from a popular name: never reported. */
export const KNOWN_NEIGHBOURS = new Set(['jinja', 'pyaml', 'attr', 'docker-py', 'nose2', 'pipx', 'typed-ast', 'uv', 'slugify']);
