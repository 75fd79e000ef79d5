// NGX023: a PHP location passing to FastCGI without checking the script exists
// (`try_files $uri =404;`): uploaded non-PHP files run as PHP through path-info.
import { fix } from '../model';
import { ifCondition } from '../vars';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX023',
    title: 'PHP handler without a file existence check',
    severity: 'warning',
    fix: 'yes',
    why: 'With cgi.fix_pathinfo, "/uploads/avatar.jpg/x.php" makes PHP execute avatar.jpg: any uploaded file becomes code.',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    for (const loc of unit.named('location')) {
      if (loc.args.length < 2 || !loc.args[0].text.startsWith('~') || !/php/i.test(loc.args[1].text)) continue;
      const pass = unit.own(loc, 'fastcgi_pass')[0];
      if (!pass) continue;
      if (unit.own(loc, 'try_files').length > 0) continue;
      if (unit.own(loc, 'include').some((i) => (i.args[0]?.text ?? '').endsWith('fastcgi-php.conf'))) continue;
      const checks = unit.own(loc, 'if').some((i) => {
        const c = ifCondition(i);
        return c !== undefined && (c.variable === '!-f' || c.variable === '!-e');
      });
      if (checks) continue;
      report(ctx, pass, `This PHP location passes requests to FastCGI without checking that the script exists: "/upload/x.jpg/y.php" can execute an uploaded file`, {
        fixes: fix('Insert "try_files $uri =404;"', [edits.insertLinesBefore(pass, ['try_files $uri =404;'])], { caveat: 'With fastcgi_split_path_info, check $fastcgi_script_name instead of $uri.' }),
      });
    }
  },
};
