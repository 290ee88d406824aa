export namespace app {
	
	export class Conflict {
	    current: number;
	    saved: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Conflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.current = source["current"];
	        this.saved = source["saved"];
	        this.message = source["message"];
	    }
	}
	export class ExportFailure {
	    path?: string;
	    source?: string;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportFailure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.source = source["source"];
	        this.error = source["error"];
	    }
	}
	export class ExportWarning {
	    post: string;
	    line?: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.post = source["post"];
	        this.line = source["line"];
	        this.message = source["message"];
	    }
	}
	export class ExportReport {
	    dir: string;
	    posts: number;
	    written: number;
	    unchanged: number;
	    removed: number;
	    failed: ExportFailure[];
	    warnings: ExportWarning[];
	
	    static createFrom(source: any = {}) {
	        return new ExportReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.posts = source["posts"];
	        this.written = source["written"];
	        this.unchanged = source["unchanged"];
	        this.removed = source["removed"];
	        this.failed = this.convertValues(source["failed"], ExportFailure);
	        this.warnings = this.convertValues(source["warnings"], ExportWarning);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ExtraField {
	    key: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new ExtraField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	    }
	}
	export class FieldEdit {
	    field: string;
	    value: string;
	    list: string[];
	    key: string;
	    oldKey: string;
	    postId: number;
	    followTitle: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FieldEdit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.value = source["value"];
	        this.list = source["list"];
	        this.key = source["key"];
	        this.oldKey = source["oldKey"];
	        this.postId = source["postId"];
	        this.followTitle = source["followTitle"];
	    }
	}
	export class Fields {
	    values: {[key: string]: any};
	    extra: ExtraField[];
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new Fields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.values = source["values"];
	        this.extra = this.convertValues(source["extra"], ExtraField);
	        this.warnings = source["warnings"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportReport {
	    imported: number;
	    updated: number;
	    unchanged: number;
	    failed: number;
	    firstPost: number;
	    errors: string[];
	    cancelled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.imported = source["imported"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.failed = source["failed"];
	        this.firstPost = source["firstPost"];
	        this.errors = source["errors"];
	        this.cancelled = source["cancelled"];
	    }
	}
	export class MatchRef {
	    postId: number;
	    index: number;
	
	    static createFrom(source: any = {}) {
	        return new MatchRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.postId = source["postId"];
	        this.index = source["index"];
	    }
	}
	export class MediaFile {
	    name: string;
	    hash: string;
	    mime: string;
	    bytes: number;
	    width: number;
	    height: number;
	    original: string;
	    // Go type: time
	    created: any;
	    link: string;
	
	    static createFrom(source: any = {}) {
	        return new MediaFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.hash = source["hash"];
	        this.mime = source["mime"];
	        this.bytes = source["bytes"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.original = source["original"];
	        this.created = this.convertValues(source["created"], null);
	        this.link = source["link"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OpenPost {
	    id: number;
	    revision: number;
	    slug: string;
	    title: string;
	    status: string;
	    // Go type: time
	    updated: any;
	    text: string;
	    recovery?: string;
	
	    static createFrom(source: any = {}) {
	        return new OpenPost(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.revision = source["revision"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.status = source["status"];
	        this.updated = this.convertValues(source["updated"], null);
	        this.text = source["text"];
	        this.recovery = source["recovery"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PreviewResult {
	    title: string;
	    html: string;
	    meta: string;
	    words: number;
	    readingMinutes: number;
	    problems: post.Warning[];
	
	    static createFrom(source: any = {}) {
	        return new PreviewResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.html = source["html"];
	        this.meta = source["meta"];
	        this.words = source["words"];
	        this.readingMinutes = source["readingMinutes"];
	        this.problems = this.convertValues(source["problems"], post.Warning);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PublishReport {
	    dir: string;
	    dryRun: boolean;
	    published: publish.Post[];
	    export: ExportReport;
	    written: number;
	    removed: number;
	    git?: publish.GitReport;
	
	    static createFrom(source: any = {}) {
	        return new PublishReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.dryRun = source["dryRun"];
	        this.published = this.convertValues(source["published"], publish.Post);
	        this.export = this.convertValues(source["export"], ExportReport);
	        this.written = source["written"];
	        this.removed = source["removed"];
	        this.git = this.convertValues(source["git"], publish.GitReport);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReplaceMatch {
	    postId: number;
	    index: number;
	    line: number;
	    column: number;
	    text: string;
	    before: string;
	    after: string;
	
	    static createFrom(source: any = {}) {
	        return new ReplaceMatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.postId = source["postId"];
	        this.index = source["index"];
	        this.line = source["line"];
	        this.column = source["column"];
	        this.text = source["text"];
	        this.before = source["before"];
	        this.after = source["after"];
	    }
	}
	export class ReplacePost {
	    id: number;
	    slug: string;
	    title: string;
	    revision: number;
	    matches: ReplaceMatch[];
	
	    static createFrom(source: any = {}) {
	        return new ReplacePost(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.revision = source["revision"];
	        this.matches = this.convertValues(source["matches"], ReplaceMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReplacePlan {
	    token: number;
	    posts: ReplacePost[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new ReplacePlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.posts = this.convertValues(source["posts"], ReplacePost);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SaveRequest {
	    id: number;
	    revision: number;
	    text: string;
	    explicit: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SaveRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.revision = source["revision"];
	        this.text = source["text"];
	        this.explicit = source["explicit"];
	    }
	}
	export class SaveResult {
	    revision: number;
	    slug: string;
	    title: string;
	    status: string;
	    // Go type: time
	    updated: any;
	    warnings: string[];
	    conflict?: Conflict;
	
	    static createFrom(source: any = {}) {
	        return new SaveResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.revision = source["revision"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.status = source["status"];
	        this.updated = this.convertValues(source["updated"], null);
	        this.warnings = source["warnings"];
	        this.conflict = this.convertValues(source["conflict"], Conflict);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SpellCheck {
	    enabled: boolean;
	    languages: string[];
	    inUse: string[];
	
	    static createFrom(source: any = {}) {
	        return new SpellCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enabled = source["enabled"];
	        this.languages = source["languages"];
	        this.inUse = source["inUse"];
	    }
	}
	export class StartState {
	    post: number;
	    layout: string;
	
	    static createFrom(source: any = {}) {
	        return new StartState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.post = source["post"];
	        this.layout = source["layout"];
	    }
	}

}

export namespace linked {
	
	export class Conflict {
	    path: string;
	    postId: number;
	
	    static createFrom(source: any = {}) {
	        return new Conflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.postId = source["postId"];
	    }
	}
	export class Stats {
	    Created: number;
	    Updated: number;
	    Written: number;
	    Trashed: number;
	    Conflicts: number;
	    Errors: number;
	
	    static createFrom(source: any = {}) {
	        return new Stats(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Created = source["Created"];
	        this.Updated = source["Updated"];
	        this.Written = source["Written"];
	        this.Trashed = source["Trashed"];
	        this.Conflicts = source["Conflicts"];
	        this.Errors = source["Errors"];
	    }
	}

}

export namespace media {
	
	export class Item {
	    name: string;
	    hash: string;
	    mime: string;
	    bytes: number;
	    width: number;
	    height: number;
	    original: string;
	    // Go type: time
	    created: any;
	    uses: store.MediaUse[];
	    missing: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.hash = source["hash"];
	        this.mime = source["mime"];
	        this.bytes = source["bytes"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.original = source["original"];
	        this.created = this.convertValues(source["created"], null);
	        this.uses = this.convertValues(source["uses"], store.MediaUse);
	        this.missing = source["missing"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace post {
	
	export class Field {
	    Key: string;
	    Value: any;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Key = source["Key"];
	        this.Value = source["Value"];
	    }
	}
	export class Original {
	    Format: number;
	    Head: string;
	    Derived: Field[];
	    StatusAs: string;
	
	    static createFrom(source: any = {}) {
	        return new Original(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Format = source["Format"];
	        this.Head = source["Head"];
	        this.Derived = this.convertValues(source["Derived"], Field);
	        this.StatusAs = source["StatusAs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Post {
	    id: number;
	    slug: string;
	    title: string;
	    // Go type: time
	    date: any;
	    // Go type: time
	    updated: any;
	    status: string;
	    categories: string[];
	    tags: string[];
	    summary?: string;
	    layout?: string;
	    extra?: Field[];
	    body: string;
	    revision: number;
	    source?: string;
	
	    static createFrom(source: any = {}) {
	        return new Post(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.date = this.convertValues(source["date"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.status = source["status"];
	        this.categories = source["categories"];
	        this.tags = source["tags"];
	        this.summary = source["summary"];
	        this.layout = source["layout"];
	        this.extra = this.convertValues(source["extra"], Field);
	        this.body = source["body"];
	        this.revision = source["revision"];
	        this.source = source["source"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Warning {
	    line: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Warning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.message = source["message"];
	    }
	}

}

export namespace publish {
	
	export class Post {
	    slug: string;
	    title: string;
	    path?: string;
	
	    static createFrom(source: any = {}) {
	        return new Post(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.path = source["path"];
	    }
	}
	export class GitReport {
	    branch: string;
	    upstream?: string;
	    added: Post[];
	    changed: Post[];
	    removed: Post[];
	    files: number;
	    message?: string;
	    commit?: string;
	    pushed: number;
	    unpushed: number;
	    nothingChanged: boolean;
	
	    static createFrom(source: any = {}) {
	        return new GitReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.branch = source["branch"];
	        this.upstream = source["upstream"];
	        this.added = this.convertValues(source["added"], Post);
	        this.changed = this.convertValues(source["changed"], Post);
	        this.removed = this.convertValues(source["removed"], Post);
	        this.files = source["files"];
	        this.message = source["message"];
	        this.commit = source["commit"];
	        this.pushed = source["pushed"];
	        this.unpushed = source["unpushed"];
	        this.nothingChanged = source["nothingChanged"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace replace {
	
	export class Line {
	    line: number;
	    before: string;
	    after: string;
	
	    static createFrom(source: any = {}) {
	        return new Line(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.before = source["before"];
	        this.after = source["after"];
	    }
	}
	export class Changed {
	    id: number;
	    slug: string;
	    title: string;
	    revision: number;
	    replaced: number;
	    lines: Line[];
	
	    static createFrom(source: any = {}) {
	        return new Changed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.revision = source["revision"];
	        this.replaced = source["replaced"];
	        this.lines = this.convertValues(source["lines"], Line);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Options {
	    find: string;
	    replacement: string;
	    regex: boolean;
	    case: boolean;
	    word: boolean;
	    frontMatter: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Options(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.find = source["find"];
	        this.replacement = source["replacement"];
	        this.regex = source["regex"];
	        this.case = source["case"];
	        this.word = source["word"];
	        this.frontMatter = source["frontMatter"];
	    }
	}
	export class Skipped {
	    id: number;
	    slug: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Skipped(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.slug = source["slug"];
	        this.reason = source["reason"];
	    }
	}
	export class Result {
	    changed: Changed[];
	    skipped: Skipped[];
	    replaced: number;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.changed = this.convertValues(source["changed"], Changed);
	        this.skipped = this.convertValues(source["skipped"], Skipped);
	        this.replaced = source["replaced"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace site {
	
	export class Settings {
	    title: string;
	    description: string;
	    author: string;
	    baseURL: string;
	    language: string;
	    postsPerPage: number;
	    permalink: string;
	    drafts: boolean;
	    future: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.description = source["description"];
	        this.author = source["author"];
	        this.baseURL = source["baseURL"];
	        this.language = source["language"];
	        this.postsPerPage = source["postsPerPage"];
	        this.permalink = source["permalink"];
	        this.drafts = source["drafts"];
	        this.future = source["future"];
	    }
	}

}

export namespace store {
	
	export class TermCount {
	    name: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new TermCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.count = source["count"];
	    }
	}
	export class Counts {
	    categories: TermCount[];
	    tags: TermCount[];
	
	    static createFrom(source: any = {}) {
	        return new Counts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.categories = this.convertValues(source["categories"], TermCount);
	        this.tags = this.convertValues(source["tags"], TermCount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Link {
	    dir: string;
	    // Go type: time
	    created: any;
	
	    static createFrom(source: any = {}) {
	        return new Link(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.created = this.convertValues(source["created"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListOptions {
	    query: string;
	    status: string;
	    category: string;
	    tag: string;
	    // Go type: time
	    from: any;
	    // Go type: time
	    to: any;
	    sort: string;
	    reverse: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.status = source["status"];
	        this.category = source["category"];
	        this.tag = source["tag"];
	        this.from = this.convertValues(source["from"], null);
	        this.to = this.convertValues(source["to"], null);
	        this.sort = source["sort"];
	        this.reverse = source["reverse"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Summary {
	    id: number;
	    slug: string;
	    title: string;
	    // Go type: time
	    date: any;
	    // Go type: time
	    updated: any;
	    status: string;
	    categories: string[];
	    tags: string[];
	    revision: number;
	    snippet: string;
	    match?: string;
	    // Go type: time
	    trashed?: any;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.date = this.convertValues(source["date"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.status = source["status"];
	        this.categories = source["categories"];
	        this.tags = source["tags"];
	        this.revision = source["revision"];
	        this.snippet = source["snippet"];
	        this.match = source["match"];
	        this.trashed = this.convertValues(source["trashed"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListResult {
	    posts: Summary[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new ListResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.posts = this.convertValues(source["posts"], Summary);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MediaUse {
	    postId: number;
	    slug: string;
	    title: string;
	    status: string;
	    trashed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MediaUse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.postId = source["postId"];
	        this.slug = source["slug"];
	        this.title = source["title"];
	        this.status = source["status"];
	        this.trashed = source["trashed"];
	    }
	}
	export class Revision {
	    postId: number;
	    rev: number;
	    kind: string;
	    basedOn?: number;
	    // Go type: time
	    created: any;
	    title: string;
	    size: number;
	    current: boolean;
	    post?: post.Post;
	
	    static createFrom(source: any = {}) {
	        return new Revision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.postId = source["postId"];
	        this.rev = source["rev"];
	        this.kind = source["kind"];
	        this.basedOn = source["basedOn"];
	        this.created = this.convertValues(source["created"], null);
	        this.title = source["title"];
	        this.size = source["size"];
	        this.current = source["current"];
	        this.post = this.convertValues(source["post"], post.Post);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

