export namespace app {
	
	export class PreviewResult {
	    title: string;
	    html: string;
	    words: number;
	    readingMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new PreviewResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.html = source["html"];
	        this.words = source["words"];
	        this.readingMinutes = source["readingMinutes"];
	    }
	}

}

